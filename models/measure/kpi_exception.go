package measure

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// KPIOffTrack is the exception a red figure raises for its KPI.
const KPIOffTrack = "kpi_off_track"

// maxKPIExceptions bounds the exceptions one listing loads.
const maxKPIExceptions = 1_000

// maxCommentary bounds an owner's commentary.
const maxCommentary = 4_000

// KPIException is a KPI off track: raised when its newest figure is red,
// resolved when a newer figure is not, never deleted. It asks the KPI's owner
// for commentary, which the board sees beside the figure.
type KPIException struct {
	ID             uint       `gorm:"primaryKey" json:"id"`
	KPIID          uint       `gorm:"column:kpi_id" json:"-"`
	Kind           string     `json:"kind"`
	Period         string     `json:"period"`
	Value          float64    `json:"value"`
	TargetText     string     `json:"target"`
	RaisedAt       time.Time  `json:"raised_at"`
	ResolvedAt     *time.Time `json:"resolved_at"`
	Commentary     string     `json:"commentary"`
	CommentaryByID *uint      `json:"-"`
	CommentaryAt   *time.Time `json:"commentary_at"`
	KPI            KPI        `gorm:"foreignKey:KPIID" json:"-"`
}

// TableName keeps the table name readable.
func (KPIException) TableName() string { return "kpi_exceptions" }

// EvaluateKPIExceptions judges the newest figure of each KPI in ids (every KPI
// when ids is nil) by its period's target: red raises a kpi_off_track
// exception (or keeps the open one, moved to the newer period), anything else
// resolves it. Five statements whatever the number of KPIs; call it in the
// transaction that wrote the figures or targets.
func EvaluateKPIExceptions(tx *gorm.DB, ids []uint, now time.Time) error {
	var ks []KPI
	q := tx.Order("id")
	if ids != nil {
		q = q.Where("id IN ?", ids)
	}
	if err := q.Find(&ks).Error; err != nil {
		return err
	}
	if len(ks) == 0 {
		return nil
	}
	kids := make([]uint, len(ks))
	for i, k := range ks {
		kids[i] = k.ID
	}
	targets, err := ListTargets(tx.Statement.Context, tx, kids)
	if err != nil {
		return err
	}
	var figs []KPIFigure
	if err := tx.Where("current = ? AND kpi_id IN ?", true, kids).Order("kpi_id, period_sort").Limit(maxFigures).Find(&figs).Error; err != nil {
		return err
	}
	latest := map[uint]KPIFigure{}
	for _, f := range figs {
		latest[f.KPIID] = f
	}
	var open []KPIException
	if err := tx.Where("resolved_at IS NULL AND kind = ? AND kpi_id IN ?", KPIOffTrack, kids).Find(&open).Error; err != nil {
		return err
	}
	openBy := map[uint]KPIException{}
	for _, e := range open {
		openBy[e.KPIID] = e
	}
	var resolve []uint
	for _, k := range ks {
		f, has := latest[k.ID]
		e, isOpen := openBy[k.ID]
		red := false
		var t Target
		if has {
			t = TargetFor(k, targets[k.ID], f.Period)
			red = RAG(k, t, f.Value) == "red"
		}
		switch {
		case red && isOpen && e.Period == f.Period && e.Value == f.Value:
		case red && isOpen && e.Period == f.Period:
			if err := tx.Model(&e).Updates(map[string]any{"value": f.Value, "target_text": t.Label(k)}).Error; err != nil {
				return err
			}
		case red:
			if isOpen {
				resolve = append(resolve, e.ID) // a newer period off track: a new exception asks again
			}
			ne := KPIException{KPIID: k.ID, Kind: KPIOffTrack, Period: f.Period, Value: f.Value, TargetText: t.Label(k), RaisedAt: now}
			if err := tx.Omit("KPI").Create(&ne).Error; err != nil {
				return err
			}
		case isOpen:
			resolve = append(resolve, e.ID)
		}
	}
	if len(resolve) > 0 {
		return tx.Model(&KPIException{}).Where("id IN ?", resolve).Update("resolved_at", now).Error
	}
	return nil
}

// OpenKPIExceptions lists the open exceptions by KPI.
func OpenKPIExceptions(ctx context.Context, db *gorm.DB) (map[uint]KPIException, error) {
	var es []KPIException
	if err := db.WithContext(ctx).Where("resolved_at IS NULL").Order("raised_at").Limit(maxKPIExceptions).Find(&es).Error; err != nil {
		return nil, err
	}
	out := map[uint]KPIException{}
	for _, e := range es {
		out[e.KPIID] = e
	}
	return out, nil
}

// KPIExceptionsAt lists the KPI exceptions open at the instant at (raised
// before it, not resolved by it), with their KPI, for a pack's exceptions as
// they stood at a quarter's end. Two statements.
func KPIExceptionsAt(ctx context.Context, db *gorm.DB, at time.Time) ([]KPIException, error) {
	var es []KPIException
	err := db.WithContext(ctx).Preload("KPI").Where("raised_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)", at, at).
		Order("raised_at, id").Limit(maxKPIExceptions).Find(&es).Error
	return es, err
}

// CanCommentOnKPI says whether u answers for k: its owner, a holder of its
// owner role, or an admin.
func CanCommentOnKPI(u *models.User, k *KPI) bool {
	if u == nil {
		return false
	}
	if u.AtLeast(models.RoleAdmin) || (k.OwnerUserID != nil && *k.OwnerUserID == u.ID) {
		return true
	}
	for _, l := range u.Leads {
		if k.OwnerRole != "" && strings.EqualFold(l.Name, k.OwnerRole) {
			return true
		}
	}
	return false
}

// AddKPICommentary records the owner's commentary on the KPI's open exception.
func AddKPICommentary(ctx context.Context, db *gorm.DB, u *models.User, code, text string, now time.Time) error {
	k, err := FindKPI(ctx, db, code)
	if err != nil {
		return err
	}
	if !CanCommentOnKPI(u, k) {
		return models.ErrForbidden
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return models.Invalid("commentary", "Enter the commentary: why the figure is off track and what is being done")
	case len([]rune(text)) > maxCommentary:
		return models.Invalid("commentary", "Commentary must be %d characters or fewer", maxCommentary)
	}
	var e KPIException
	err = db.WithContext(ctx).Where("kpi_id = ? AND resolved_at IS NULL", k.ID).Order("raised_at DESC").Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Invalid("commentary", "%s is not off track: there is no open exception to comment on", k.Name)
	}
	if err != nil {
		return err
	}
	return db.WithContext(ctx).Model(&e).Updates(map[string]any{"commentary": text, "commentary_by_id": u.ID, "commentary_at": now}).Error
}
