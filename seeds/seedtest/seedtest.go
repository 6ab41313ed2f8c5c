// Package seedtest names the seeded databases tests start from, as
// modeltest fixtures: each is built once per test binary and copied for
// every test that asks for it.
package seedtest

import (
	"context"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

// Seeded is what `make run` loads, less DfE's benchmark figures: the plan,
// its updates and the KPIs.
var Seeded = modeltest.Fixture{Name: "seeded", Build: func(ctx context.Context, db *gorm.DB) error {
	_, err := seeds.Load(ctx, db, seeds.WithoutBenchmarks())
	return err
}}

// SeededWithBenchmarks is everything `make run` loads, DfE's figures included.
var SeededWithBenchmarks = modeltest.Fixture{Name: "seeded_benchmarks", Build: func(ctx context.Context, db *gorm.DB) error {
	_, err := seeds.Load(ctx, db)
	return err
}}

// SyntheticActions is how many actions the Synthetic fixture holds in all.
const SyntheticActions = 5000

// Synthetic is Seeded with generated actions beside the plan's 60, each with
// its updates, and the flags the daily job raises on them: the size at which
// tests check that statements per page do not grow with the data.
var Synthetic = modeltest.Fixture{Name: "synthetic", Build: func(ctx context.Context, db *gorm.DB) error {
	if _, err := seeds.Load(ctx, db, seeds.WithoutBenchmarks()); err != nil {
		return err
	}
	var n int64
	if err := db.Model(&models.Action{}).Count(&n).Error; err != nil {
		return err
	}
	if _, err := seeds.Synthetic(ctx, db, SyntheticActions-int(n)); err != nil {
		return err
	}
	_, err := models.RunFlags(ctx, db, time.Now(), time.UTC, 90)
	return err
}}
