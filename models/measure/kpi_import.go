package measure

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// maxCurrentFigures bounds the current figures one import compares against.
const maxCurrentFigures = 2_000_000

// ImportResult counts what one import did.
type ImportResult struct {
	Rows      int // valid rows read
	Added     int // figures for a period not seen before
	Revised   int // figures that changed a period's value or commentary: a new revision
	Unchanged int // rows equal to the current figure: nothing to do
	Skipped   int // CSV rows without a value (a template's unfilled rows): no figure
}

// Applied is how many figures the import stored.
func (r ImportResult) Applied() int { return r.Added + r.Revised }

// Summary is the line a job run or the upload form shows.
func (r ImportResult) Summary() string {
	s := fmt.Sprintf("%d %s applied (%d new, %d revised), %d unchanged",
		r.Applied(), models.Plural(r.Applied(), "figure", "figures"), r.Added, r.Revised, r.Unchanged)
	if r.Skipped > 0 {
		s += fmt.Sprintf(", %d %s without a value skipped", r.Skipped, models.Plural(r.Skipped, "row", "rows"))
	}
	return s
}

// ImportFeed parses body and applies it: ParseFeed then ApplyFeed.
func ImportFeed(ctx context.Context, db *gorm.DB, body []byte, format, source string, now time.Time) (ImportResult, error) {
	rows, skipped, err := parseFeed(body, format)
	var fe *FeedError
	if errors.As(err, &fe) {
		// Report unknown codes of the otherwise good rows too: every bad row at once.
		kpis, kerr := ListKPIs(ctx, db)
		if kerr != nil {
			return ImportResult{}, kerr
		}
		_, unknown := kpiIDs(kpis, rows)
		all := badRows{rows: fe.Rows, total: fe.Count()}
		all.merge(unknown)
		return ImportResult{}, all.err()
	}
	if err != nil {
		return ImportResult{}, err
	}
	if len(rows) == 0 {
		return ImportResult{Skipped: skipped}, nil
	}
	res, err := ApplyFeed(ctx, db, rows, source, now)
	res.Skipped = skipped
	return res, err
}

// kpiIDs maps the codes of kpis to ids and lists the rows naming an unknown
// code or giving a value the KPI's unit rules out (see valueProblem).
func kpiIDs(kpis []KPI, rows []FeedRow) (map[string]uint, badRows) {
	ids := make(map[string]uint, len(kpis))
	units := make(map[string]string, len(kpis))
	for _, k := range kpis {
		ids[k.Code], units[k.Code] = k.ID, k.Unit
	}
	var bad badRows
	for _, r := range rows {
		if _, ok := ids[r.KPI]; !ok {
			bad.add(RowError{r.Line, fmt.Sprintf("kpi: %q is not a known KPI code", r.KPI)})
		} else if why := valueProblem(units[r.KPI], r.Value); why != "" {
			bad.add(RowError{r.Line, why})
		}
	}
	return ids, bad
}

// ApplyFeed stores rows in one transaction, all or nothing: an unknown KPI code
// on any row fails the whole import with every bad row listed. A row equal to
// the current figure is skipped, so the same feed applied twice changes
// nothing; a different value or commentary adds revision n+1 and the old
// revision stops being current but stays in history.
func ApplyFeed(ctx context.Context, db *gorm.DB, rows []FeedRow, source string, now time.Time) (ImportResult, error) {
	res := ImportResult{Rows: len(rows)}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		kpis, err := ListKPIs(ctx, tx)
		if err != nil {
			return err
		}
		ids, bad := kpiIDs(kpis, rows)
		if bad.total > 0 {
			return bad.err()
		}
		used := map[uint]bool{}
		for _, r := range rows {
			used[ids[r.KPI]] = true
		}
		if err := lockKPIs(tx, used); err != nil {
			return err
		}
		current, err := currentFigures(tx, used)
		if err != nil {
			return err
		}
		var add []KPIFigure
		var retire []uint
		at := now.UTC()
		for _, r := range rows {
			id := ids[r.KPI]
			f := KPIFigure{KPIID: id, Period: r.Period.String(), PeriodSort: r.Period.SortKey(), Revision: 1,
				Current: true, Value: r.Value, Commentary: r.Commentary, Source: source, CreatedAt: at}
			old, ok := current[figureKey{id, f.Period}]
			switch {
			case !ok:
				res.Added++
			case old.Value == r.Value && old.Commentary == r.Commentary:
				res.Unchanged++
				continue
			default:
				f.Revision = old.Revision + 1
				retire = append(retire, old.ID)
				res.Revised++
			}
			add = append(add, f)
		}
		batch := models.InsertBatch(tx)
		for i := 0; i < len(retire); i += batch {
			if err := tx.Model(&KPIFigure{}).Where("id IN ?", retire[i:min(i+batch, len(retire))]).
				Update("current", false).Error; err != nil {
				return err
			}
		}
		if len(add) == 0 {
			return nil
		}
		if err := tx.CreateInBatches(add, batch).Error; err != nil {
			return err
		}
		// A new figure may put its KPI off track, or back on it.
		touched := make([]uint, 0, len(used))
		for id := range used {
			touched = append(touched, id)
		}
		return EvaluateKPIExceptions(tx, touched, at)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ImportResult{}, &models.ConflictError{Message: "Another import changed these KPI figures at the same moment, so nothing was imported. Try again."}
	}
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// lockKPIs serialises imports that touch the same KPIs: on PostgreSQL each
// waits for the other's transaction to end before reading the current
// figures, so two cannot both write revision n+1. (SQLite's immediate
// transactions already run one writer at a time.)
func lockKPIs(tx *gorm.DB, kpis map[uint]bool) error {
	if tx.Dialector.Name() != "postgres" || len(kpis) == 0 {
		return nil
	}
	ids := make([]uint, 0, len(kpis))
	for id := range kpis {
		ids = append(ids, id)
	}
	slices.Sort(ids) // one order for every import, so two cannot deadlock
	var locked []uint
	return tx.Raw("SELECT id FROM kpis WHERE id IN ? ORDER BY id FOR UPDATE", ids).Scan(&locked).Error
}

type figureKey struct {
	kpi    uint
	period string
}

// currentFigures loads the current figure of every period of the given KPIs in
// one query, so comparing a 100,000-row feed costs one read, not one per row.
func currentFigures(tx *gorm.DB, kpis map[uint]bool) (map[figureKey]KPIFigure, error) {
	ids := make([]uint, 0, len(kpis))
	for id := range kpis {
		ids = append(ids, id)
	}
	out := map[figureKey]KPIFigure{}
	if len(ids) == 0 {
		return out, nil
	}
	var figs []KPIFigure
	if err := tx.Select("id, kpi_id, period, revision, value, commentary").
		Where("current = ? AND kpi_id IN ?", true, ids).Limit(maxCurrentFigures).Find(&figs).Error; err != nil {
		return nil, err
	}
	for _, f := range figs {
		out[figureKey{f.KPIID, f.Period}] = f
	}
	return out, nil
}
