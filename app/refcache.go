package app

import (
	"context"
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
	ref     *models.Reference
	refRev  int64
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
	a.cache.mu.Lock()
	if a.cache.ref != nil && a.cache.refRev == rev {
		ref := a.cache.ref
		a.cache.mu.Unlock()
		return ref, nil
	}
	a.cache.mu.Unlock()
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return nil, err
	}
	a.cache.mu.Lock()
	a.cache.ref, a.cache.refRev = ref, rev
	a.cache.mu.Unlock()
	return ref, nil
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
