// Package models is the core of the domain: plans with their priority areas,
// milestones and actions; boards and leads; users, sessions, API tokens,
// passwords and the sign-in throttle; progress updates (an update answers
// the open update rounds that asked about its action); flags, board sign-off,
// comments and the audit log; due-date revisions, the plan revision counter,
// RAG ratings, the domain errors and dates. These rules refer to each other
// at every turn, so they stay in one package; the subjects that only lean on
// them live in the packages below.
//
// It imports GORM and the standard library, and of this module at most
// models/schema. It never imports its leaves (jobrun, measure, round,
// planimport, pack), Echo, cron or anything under app or cmd; layout_test.go
// enforces the import rules of every package under models.
package models
