package risk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Create adds a risk to plan for u, with its first history entry, in one
// transaction. Every problem with the input is returned at once.
func Create(ctx context.Context, db *gorm.DB, u *models.User, planID uint, in Input, now time.Time) (*Risk, error) {
	if u == nil {
		return nil, models.ErrUnauthorized
	}
	fe := in.check()
	res, err := resolve(ctx, db, planID, in, &fe)
	if err != nil {
		return nil, err
	}
	if fe.Has("actions") {
		// Who may write depends on the actions: name them right first.
		return nil, fe.Err()
	}
	ok, err := MayWrite(ctx, db, u, planID, res.actionIDs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, models.ErrForbidden
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	r := Risk{PlanID: planID, AreaID: res.area, Kind: in.Kind, Title: in.Title, Description: in.Description,
		OwnerUserID: res.ownerUser, OwnerLeadID: res.ownerLead, Likelihood: in.Likelihood, Impact: in.Impact,
		Score: in.Likelihood * in.Impact, TargetScore: in.TargetScore, Mitigation: in.Mitigation,
		ReviewBy: in.ReviewBy, Status: in.Status, Version: 1, CreatedAt: now, UpdatedAt: now}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return fmt.Errorf("adding the risk: %w", err)
		}
		if err := setActions(tx, r.ID, res.actionIDs); err != nil {
			return err
		}
		return tx.Create(change(&r, u, "created", res.owner, in.Reason, now)).Error
	})
	if err != nil {
		return nil, err
	}
	return Find(ctx, db, planID, r.ID)
}

// Update changes risk id of plan to in for u. in.Version must be the version
// read: a risk changed since is refused with its newer state. A change of
// score, owner, status or kind is kept in the history with in.Reason.
func Update(ctx context.Context, db *gorm.DB, u *models.User, planID, id uint, in Input, now time.Time) (*Risk, error) {
	if u == nil {
		return nil, models.ErrUnauthorized
	}
	cur, err := Find(ctx, db, planID, id)
	if err != nil {
		return nil, err
	}
	fe := in.check()
	res, err := resolve(ctx, db, planID, in, &fe)
	if err != nil {
		return nil, err
	}
	if fe.Has("actions") {
		return nil, fe.Err()
	}
	// A lead must lead one of the actions the risk names now and one of
	// those it will name.
	ok, err := MayChange(ctx, db, u, cur)
	if err == nil && ok {
		ok, err = MayWrite(ctx, db, u, planID, res.actionIDs)
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, models.ErrForbidden
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	if in.Version != cur.Version {
		return nil, &models.ConflictError{Message: fmt.Sprintf(
			"Someone else changed this risk (now version %d) since you opened it (version %d); their changes are shown, and your text is kept", cur.Version, in.Version), Current: cur}
	}
	r := *cur
	r.AreaID, r.Kind, r.Title, r.Description = res.area, in.Kind, in.Title, in.Description
	r.OwnerUserID, r.OwnerLeadID = res.ownerUser, res.ownerLead
	r.Likelihood, r.Impact, r.Score, r.TargetScore = in.Likelihood, in.Impact, in.Likelihood*in.Impact, in.TargetScore
	r.Mitigation, r.ReviewBy, r.Status, r.UpdatedAt = in.Mitigation, in.ReviewBy, in.Status, now
	var changed []string
	if r.Likelihood != cur.Likelihood || r.Impact != cur.Impact {
		changed = append(changed, "score")
	}
	if res.owner != cur.Owner || !samePtr(r.OwnerUserID, cur.OwnerUserID) || !samePtr(r.OwnerLeadID, cur.OwnerLeadID) {
		changed = append(changed, "owner")
	}
	if r.Status != cur.Status {
		changed = append(changed, "status")
	}
	if r.Kind != cur.Kind {
		changed = append(changed, "kind")
	}
	if len(changed) > 0 && strings.TrimSpace(in.Reason) == "" {
		return nil, models.Invalid("reason", "Say why the %s changed", strings.Join(changed, ", "))
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		upd := tx.Model(&Risk{}).Where("id = ? AND version = ?", id, cur.Version).Updates(map[string]any{
			"area_id": r.AreaID, "kind": r.Kind, "title": r.Title, "description": r.Description,
			"owner_user_id": r.OwnerUserID, "owner_lead_id": r.OwnerLeadID, "likelihood": r.Likelihood,
			"impact": r.Impact, "score": r.Score, "target_score": r.TargetScore, "mitigation": r.Mitigation,
			"review_by": r.ReviewBy, "status": r.Status, "version": cur.Version + 1, "updated_at": now})
		if upd.Error != nil {
			return fmt.Errorf("changing the risk: %w", upd.Error)
		}
		if upd.RowsAffected == 0 {
			return &models.ConflictError{Message: "Someone else changed this risk while you were saving; look again and save once more", Current: cur}
		}
		if !slices.Equal(res.numbers, cur.Actions) {
			if err := tx.Exec("DELETE FROM risk_actions WHERE risk_id = ?", id).Error; err != nil {
				return fmt.Errorf("changing the risk's actions: %w", err)
			}
			if err := setActions(tx, id, res.actionIDs); err != nil {
				return err
			}
		}
		if len(changed) == 0 {
			return nil
		}
		return tx.Create(change(&r, u, strings.Join(changed, " "), res.owner, in.Reason, now)).Error
	})
	if err != nil {
		return nil, err
	}
	return Find(ctx, db, planID, id)
}

// TurnIntoIssue records that risk id has happened: its kind becomes issue,
// the rest kept, with the reason in its history.
func TurnIntoIssue(ctx context.Context, db *gorm.DB, u *models.User, planID, id uint, version int, reason string, now time.Time) (*Risk, error) {
	cur, err := Find(ctx, db, planID, id)
	if err != nil {
		return nil, err
	}
	if cur.Kind == KindIssue {
		return nil, models.Invalid("kind", "This is already an issue")
	}
	in := InputOf(cur)
	in.Kind, in.Version, in.Reason = KindIssue, version, reason
	return Update(ctx, db, u, planID, id, in, now)
}

func setActions(tx *gorm.DB, riskID uint, actionIDs []uint) error {
	if len(actionIDs) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(actionIDs))
	for i, a := range actionIDs {
		rows[i] = map[string]any{"risk_id": riskID, "action_id": a}
	}
	if err := tx.Table("risk_actions").Create(rows).Error; err != nil {
		return fmt.Errorf("linking the risk's actions: %w", err)
	}
	return nil
}

func change(r *Risk, u *models.User, changed, owner, reason string, now time.Time) *Change {
	return &Change{RiskID: r.ID, ChangedAt: now, UserID: &u.ID, UserName: u.Name, Changed: changed,
		Likelihood: r.Likelihood, Impact: r.Impact, Score: r.Score, Owner: owner, Status: r.Status,
		Kind: r.Kind, Reason: strings.TrimSpace(reason)}
}

func samePtr(a, b *uint) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
