package app

import (
	"container/list"
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"

	"sendboard/models"
	"sendboard/models/schema"
)

// defaultCacheBytes bounds the rendered pages kept when SENDBOARD_CACHE_BYTES
// is not set.
const defaultCacheBytes = 64 << 20

// pageCache holds the reference lists and rendered read-only pages, each
// tagged with the revisions it was built at (see revisions.go). An entry is
// used only while those are exactly current, so nothing stale is served, on
// this replica or another, and the cache holds no state that matters.
type pageCache struct {
	mu     sync.Mutex
	refVer version
	plans  []models.Plan              // every plan, at refVer
	home   string                     // what "/" shows, at refVer
	refs   map[uint]*models.Reference // each plan's lists, at refVer

	// Rendered pages, least recently used at the back, within limit bytes.
	lru     *list.List
	entries map[string]*list.Element
	bytes   int64
	limit   int64

	flight                     singleflight.Group
	hits, misses, evictions    atomic.Int64
	builds, staleStoresRefused atomic.Int64
}

// version is what a cached thing was built from: the catch-all revision, the
// reference lists' and the plan's (or, for a page counting across plans, the
// sum of every plan's, which moves whenever any does); for whole pages also
// the accounts revision (the frame names the user) and, for pages showing
// KPIs or benchmarks, the measures revision.
type version struct{ g, r, p, a, m int64 }

// older reports whether v was built before w in any part: revisions only grow.
func (v version) older(w version) bool {
	return v.g < w.g || v.r < w.r || v.p < w.p || v.a < w.a || v.m < w.m
}

// and is v with w's revisions besides, for what is built from both: each
// part is set by one of them, the other leaving it 0.
func (v version) and(w version) version {
	return version{max(v.g, w.g), max(v.r, w.r), max(v.p, w.p), max(v.a, w.a), max(v.m, w.m)}
}

func refVersion(r *models.Revisions) version {
	return version{g: r.Global, r: r.Scope(schema.ScopeReference)}
}

func planVersion(r *models.Revisions, planID uint) version {
	v := refVersion(r)
	v.p = r.Scope(int64(planID))
	return v
}

// allPlansVersion is for pages that count across plans.
func allPlansVersion(r *models.Revisions) version {
	v := refVersion(r)
	for s, n := range r.Scopes {
		if s > 0 {
			v.p += n
		}
	}
	return v
}

// cachedPage is a rendered response body (HTML content or JSON).
type cachedPage struct {
	key   string
	ver   version
	body  []byte
	title string
}

func (p *cachedPage) size() int64 { return int64(len(p.body)+len(p.title)+len(p.key)) + 64 }

// reference returns the default plan's reference lists (milestones, priority
// areas, boards, leads), loading them again only when they have changed.
func (a *App) reference(ctx context.Context) (*models.Reference, error) {
	return a.planReference(ctx, "")
}

// planReference is reference for the plan with slug ("" for the default plan).
func (a *App) planReference(ctx context.Context, slug string) (*models.Reference, error) {
	rev, err := a.revisions(ctx)
	if err != nil {
		return nil, err
	}
	return a.planReferenceAt(ctx, rev, slug)
}

func (a *App) referenceAt(ctx context.Context, rev *models.Revisions) (*models.Reference, error) {
	return a.planReferenceAt(ctx, rev, "")
}

// planReferenceAt returns the reference lists of the plan with slug ("" for
// the default plan) at rev: the plans are loaded once per reference
// revision, and each plan's lists once per revision when first asked for,
// so the statements a request makes do not grow with the number of plans.
func (a *App) planReferenceAt(ctx context.Context, rev *models.Revisions, slug string) (*models.Reference, error) {
	v := refVersion(rev)
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return nil, err
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
	if ref != nil {
		return ref, nil
	}
	x, err, _ := a.cache.flight.Do("ref "+strconv.FormatUint(uint64(plans[i].ID), 10)+" "+v.String(), func() (any, error) {
		return models.LoadPlanReference(ctx, a.DB, plans[i])
	})
	if err != nil {
		return nil, err
	}
	ref = x.(*models.Reference)
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	if a.cache.refVer == v && a.cache.refs != nil {
		a.cache.refs[ref.Plan.ID] = ref
	}
	return ref, nil
}

func (v version) String() string {
	return strconv.FormatInt(v.g, 10) + "." + strconv.FormatInt(v.r, 10) + "." + strconv.FormatInt(v.p, 10) +
		"." + strconv.FormatInt(v.a, 10) + "." + strconv.FormatInt(v.m, 10)
}

// defaultIndex is the default plan's place in plans.
func defaultIndex(plans []models.Plan) int {
	return max(0, slices.IndexFunc(plans, func(p models.Plan) bool { return p.IsDefault }))
}

// cachedPlans is every plan at rev, and what "/" shows.
func (a *App) cachedPlans(ctx context.Context, rev *models.Revisions) ([]models.Plan, string, error) {
	v := refVersion(rev)
	a.cache.mu.Lock()
	if a.cache.refVer == v && a.cache.plans != nil {
		defer a.cache.mu.Unlock()
		return a.cache.plans, a.cache.home, nil
	}
	a.cache.mu.Unlock()
	type loaded struct {
		plans []models.Plan
		home  string
	}
	x, err, _ := a.cache.flight.Do("plans "+v.String(), func() (any, error) {
		plans, err := models.AllPlans(ctx, a.DB)
		if err != nil {
			return nil, err
		}
		home, err := models.Home(ctx, a.DB)
		return loaded{plans, home}, err
	})
	if err != nil {
		return nil, "", err
	}
	l := x.(loaded)
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	// Never back to older lists than those held.
	if a.cache.plans == nil || a.cache.refVer.older(v) {
		a.cache.refVer, a.cache.plans, a.cache.home, a.cache.refs = v, l.plans, l.home, map[uint]*models.Reference{}
	}
	return l.plans, l.home, nil
}

// planAt resolves slug ("" for the default plan) among the plans at rev.
func (a *App) planAt(ctx context.Context, rev *models.Revisions, slug string) (models.Plan, error) {
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return models.Plan{}, err
	}
	i := slices.IndexFunc(plans, func(p models.Plan) bool { return p.Slug == slug || (slug == "" && p.IsDefault) })
	if i < 0 && slug == "" && len(plans) > 0 {
		i = 0
	}
	if i < 0 {
		return models.Plan{}, models.ErrNotFound
	}
	return plans[i], nil
}

// cachedAt returns the page stored under key if it was built at v.
func (a *App) cachedAt(key string, v version) (cachedPage, bool) {
	if a.Config.NoPageCache {
		return cachedPage{}, false
	}
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	if el, ok := a.cache.entries[key]; ok {
		if p := el.Value.(*cachedPage); p.ver == v {
			a.cache.lru.MoveToFront(el)
			a.cache.hits.Add(1)
			return *p, true
		}
	}
	a.cache.misses.Add(1)
	return cachedPage{}, false
}

// cachedOrBuild serves key at v from the cache or builds it, once however
// many requests ask for it at the same time.
func (a *App) cachedOrBuild(key string, v version, build func() (cachedPage, error)) (cachedPage, error) {
	if p, ok := a.cachedAt(key, v); ok {
		return p, nil
	}
	x, err, _ := a.cache.flight.Do(key+"\x00"+v.String(), func() (any, error) {
		a.cache.builds.Add(1)
		p, err := build()
		if err != nil {
			return nil, err
		}
		p.key, p.ver = key, v
		a.storePage(p)
		return p, nil
	})
	if err != nil {
		return cachedPage{}, err
	}
	return x.(cachedPage), nil
}

// storePage keeps a rendered page unless one built at a later revision is
// already held, evicting the least recently used past the byte bound.
func (a *App) storePage(p cachedPage) {
	if a.Config.NoPageCache {
		return
	}
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	c := &a.cache
	if c.limit == 0 {
		c.limit = a.Config.CacheBytes
		if c.limit <= 0 {
			c.limit = defaultCacheBytes
		}
	}
	if p.size() > c.limit/8 {
		return // too big to be worth keeping
	}
	if c.entries == nil {
		c.entries, c.lru = map[string]*list.Element{}, list.New()
	}
	if el, ok := c.entries[p.key]; ok {
		old := el.Value.(*cachedPage)
		if p.ver.older(old.ver) {
			c.staleStoresRefused.Add(1)
			return
		}
		c.bytes += p.size() - old.size()
		el.Value = &p
		c.lru.MoveToFront(el)
	} else {
		c.entries[p.key] = c.lru.PushFront(&p)
		c.bytes += p.size()
	}
	for c.bytes > c.limit {
		el := c.lru.Back()
		old := el.Value.(*cachedPage)
		c.lru.Remove(el)
		delete(c.entries, old.key)
		c.bytes -= old.size()
		c.evictions.Add(1)
	}
}

// cacheStats is what the debug endpoint shows of the page cache.
func (a *App) cacheStats() string {
	a.cache.mu.Lock()
	n, bytes, limit := len(a.cache.entries), a.cache.bytes, a.cache.limit
	a.cache.mu.Unlock()
	return fmt.Sprintf("entries %d\nbytes %d\nlimit %d\nhits %d\nmisses %d\nevictions %d\nbuilds %d\nstale_stores_refused %d\n",
		n, bytes, limit, a.cache.hits.Load(), a.cache.misses.Load(), a.cache.evictions.Load(),
		a.cache.builds.Load(), a.cache.staleStoresRefused.Load())
}
