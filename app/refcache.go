package app

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"sendboard/models"
)

// The page cache starts afresh past either bound, so memory stays bounded
// whatever mix of filters is asked for.
const (
	maxCachedPages = 512
	maxCachedBytes = 24 << 20
)

// pageCache holds the plan's reference lists and rendered read-only pages,
// each tagged with the plan revision they were built at. The database bumps
// the revision on every plan write (models.PlanRevision), so an entry is used
// only while it is exactly current: nothing stale is ever served, on this
// replica or another, and the cache holds no state that matters.
type pageCache struct {
	mu      sync.Mutex
	ref     *models.Reference // the default plan's
	refRev  int64
	plans   []models.Plan              // every plan, at refRev
	home    string                     // what "/" shows, at refRev
	refs    map[uint]*models.Reference // each plan's lists, at refRev
	entries map[string]cachedPage
	bytes   int
}

// cachedPage is a rendered response body (HTML content or JSON).
type cachedPage struct {
	rev   int64
	body  []byte
	title string
}

// revision is the plan's current revision.
func (a *App) revision(ctx context.Context) (int64, error) { return models.PlanRevision(ctx, a.DB) }

// reference returns the plan's reference lists (milestones, priority areas,
// boards, leads), loading them again only when the plan has changed.
func (a *App) reference(ctx context.Context) (*models.Reference, error) {
	rev, err := a.revision(ctx)
	if err != nil {
		return nil, err
	}
	return a.referenceAt(ctx, rev)
}

func (a *App) referenceAt(ctx context.Context, rev int64) (*models.Reference, error) {
	return a.planReferenceAt(ctx, rev, "")
}

// planReference is reference for the plan with slug ("" for the default plan).
func (a *App) planReference(ctx context.Context, slug string) (*models.Reference, error) {
	rev, err := a.revision(ctx)
	if err != nil {
		return nil, err
	}
	return a.planReferenceAt(ctx, rev, slug)
}

// planReferenceAt returns the reference lists of the plan with slug ("" for
// the default plan) at rev: the plans are loaded once per revision, and each
// plan's lists once per revision when first asked for, so the statements a
// request makes do not grow with the number of plans.
func (a *App) planReferenceAt(ctx context.Context, rev int64, slug string) (*models.Reference, error) {
	a.cache.mu.Lock()
	if a.cache.refRev != rev || a.cache.plans == nil {
		a.cache.plans, a.cache.refs, a.cache.ref = nil, nil, nil
	}
	plans, home := a.cache.plans, a.cache.home
	a.cache.mu.Unlock()
	if plans == nil {
		var err error
		if plans, err = models.AllPlans(ctx, a.DB); err != nil {
			return nil, err
		}
		if home, err = models.Home(ctx, a.DB); err != nil {
			return nil, err
		}
	}
	i := slices.IndexFunc(plans, func(p models.Plan) bool { return p.Slug == slug || (slug == "" && p.IsDefault) })
	if i < 0 && slug == "" && len(plans) > 0 {
		i = 0 // no plan marked default: the first loaded
	}
	if i < 0 {
		if slug == "" {
			return nil, fmt.Errorf("no plan loaded: run `sendboard seed`")
		}
		return nil, models.ErrNotFound
	}
	a.cache.mu.Lock()
	ref := a.cache.refs[plans[i].ID]
	a.cache.mu.Unlock()
	if ref == nil {
		var err error
		if ref, err = models.LoadPlanReference(ctx, a.DB, plans[i]); err != nil {
			return nil, err
		}
	}
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	if a.cache.refRev != rev || a.cache.plans == nil {
		a.cache.refRev, a.cache.plans, a.cache.home, a.cache.refs, a.cache.ref = rev, plans, home, map[uint]*models.Reference{}, nil
	}
	a.cache.refs[ref.Plan.ID] = ref
	if slug == "" || ref.Plan.ID == plans[defaultIndex(plans)].ID {
		a.cache.ref = ref
	}
	return ref, nil
}

// defaultIndex is the default plan's place in plans.
func defaultIndex(plans []models.Plan) int {
	return max(0, slices.IndexFunc(plans, func(p models.Plan) bool { return p.IsDefault }))
}

// cachedPlans is every plan at rev, and what "/" shows.
func (a *App) cachedPlans(ctx context.Context, rev int64) ([]models.Plan, string, error) {
	if _, err := a.planReferenceAt(ctx, rev, ""); err != nil {
		return nil, "", err
	}
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	return a.cache.plans, a.cache.home, nil
}

// cachedAt returns the page stored under key if it was built at rev.
func (a *App) cachedAt(key string, rev int64) (cachedPage, bool) {
	if a.Config.NoPageCache {
		return cachedPage{}, false
	}
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	p, ok := a.cache.entries[key]
	return p, ok && p.rev == rev
}

// storePage keeps a rendered page for key at rev.
func (a *App) storePage(key string, p cachedPage) {
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	if len(p.body) > maxCachedBytes/8 {
		return // too big to be worth keeping
	}
	if a.cache.entries == nil || len(a.cache.entries) >= maxCachedPages || a.cache.bytes+len(p.body) > maxCachedBytes {
		a.cache.entries, a.cache.bytes = make(map[string]cachedPage, 64), 0
	}
	if old, ok := a.cache.entries[key]; ok {
		a.cache.bytes -= len(old.body)
	}
	a.cache.entries[key] = p
	a.cache.bytes += len(p.body)
}
