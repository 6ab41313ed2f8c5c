package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// listColumns are every column of an action, so listed actions are whole
// (seeds' checks read the verbatim lead_and_governance cell); the cost that
// mattered was GORM's scanning, not the width.
const listColumns = `actions.id, actions.plan_id, actions.number, actions.major, actions.minor,
	actions.milestone_id, actions.priority_area_id, actions.lead_id, actions.aim, actions.action_text,
	actions.impact_measure, actions.lead_text, actions.lead_and_governance, actions.status_text,
	actions.status, actions.initiate_by, actions.rag, actions.progress, actions.last_update_at,
	actions.signed_off_by_id, actions.signed_off_at, actions.version, actions.created_at, actions.updated_at,
	actions.due, actions.due_original, actions.sro_id, actions.retired_at, actions.retired_reason, actions.start_date`

// scanListRows reads rows of listColumns. Scanning into plain fields with
// database/sql, rather than GORM's reflection over the whole Action with its
// joined structs, was most of a list request's CPU.
func scanListRows(rows *sql.Rows, limit int) ([]Action, error) {
	defer rows.Close()
	out := make([]Action, 0, limit)
	for rows.Next() {
		out = append(out, Action{})
		a := &out[len(out)-1]
		if err := rows.Scan(&a.ID, &a.PlanID, &a.Number, &a.Major, &a.Minor,
			&a.MilestoneID, &a.PriorityAreaID, &a.LeadID, &a.Aim, &a.Text,
			&a.ImpactMeasure, &a.LeadText, &a.LeadAndGovernance, &a.StatusText,
			&a.Status, &a.InitiateBy, &a.RAG, &a.Progress, &a.LastUpdateAt,
			&a.SignedOffByID, &a.SignedOffAt, &a.Version, &a.CreatedAt, &a.UpdatedAt,
			&a.Due, &a.DueOriginal, &a.SROID, &a.RetiredAt, &a.RetiredReason, &a.Start); err != nil {
			return nil, fmt.Errorf("listing actions: %w", err)
		}
	}
	return out, rows.Err()
}

// fillRelated sets each action's milestone, priority area, lead and SRO from ref's
// lists, which the pages already hold, instead of joining them in. Anything
// ref lacks (no ref, or a lead beyond its bound) is loaded in one query per
// kind, so the statement count stays fixed either way.
func fillRelated(ctx context.Context, db *gorm.DB, ref *Reference, actions []Action) error {
	var ms []Milestone
	var ps []PriorityArea
	var ls []Lead
	if ref != nil {
		ms, ps, ls = ref.Milestones, ref.PriorityAreas, ref.Leads
	}
	var needM, needP, needL []uint
	for i := range actions {
		a := &actions[i]
		if a.MilestoneID != nil && !slices.ContainsFunc(ms, func(m Milestone) bool { return m.ID == *a.MilestoneID }) && !slices.Contains(needM, *a.MilestoneID) {
			needM = append(needM, *a.MilestoneID)
		}
		if !slices.ContainsFunc(ps, func(p PriorityArea) bool { return p.ID == a.PriorityAreaID }) && !slices.Contains(needP, a.PriorityAreaID) {
			needP = append(needP, a.PriorityAreaID)
		}
		for _, id := range []*uint{a.LeadID, a.SROID} {
			if id != nil && !slices.ContainsFunc(ls, func(l Lead) bool { return l.ID == *id }) && !slices.Contains(needL, *id) {
				needL = append(needL, *id)
			}
		}
	}
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true, Context: ctx}) }
	if len(needM) > 0 {
		var more []Milestone
		if err := fresh().Where("id IN ?", needM).Find(&more).Error; err != nil {
			return fmt.Errorf("loading milestones: %w", err)
		}
		ms = append(slices.Clip(ms), more...)
	}
	if len(needP) > 0 {
		var more []PriorityArea
		if err := fresh().Where("id IN ?", needP).Find(&more).Error; err != nil {
			return fmt.Errorf("loading priority areas: %w", err)
		}
		ps = append(slices.Clip(ps), more...)
	}
	if len(needL) > 0 {
		var more []Lead
		if err := fresh().Where("id IN ?", needL).Find(&more).Error; err != nil {
			return fmt.Errorf("loading leads: %w", err)
		}
		ls = append(slices.Clip(ls), more...)
	}
	for i := range actions {
		a := &actions[i]
		if a.MilestoneID != nil {
			if j := slices.IndexFunc(ms, func(m Milestone) bool { return m.ID == *a.MilestoneID }); j >= 0 {
				a.Milestone = ms[j]
			}
		}
		if j := slices.IndexFunc(ps, func(p PriorityArea) bool { return p.ID == a.PriorityAreaID }); j >= 0 {
			a.PriorityArea = ps[j]
		}
		if a.LeadID != nil {
			if j := slices.IndexFunc(ls, func(l Lead) bool { return l.ID == *a.LeadID }); j >= 0 {
				l := ls[j] // a copy: callers may not share ref's lists
				a.Lead = &l
			}
		}
		if a.SROID != nil {
			if j := slices.IndexFunc(ls, func(l Lead) bool { return l.ID == *a.SROID }); j >= 0 {
				l := ls[j]
				a.SRO = &l
			}
		}
	}
	return nil
}
