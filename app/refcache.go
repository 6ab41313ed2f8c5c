package app

import (
	"context"
	"sync"
	"time"

	"sendboard/models"
)

// refTTL is how long the plan's reference lists (milestones, priority areas,
// boards, leads) are reused. They change only when seeds are loaded, so a short
// cache saves five queries on every page without holding state that matters:
// each replica re-reads them within refTTL of a change.
const refTTL = 10 * time.Second

type refCache struct {
	mu  sync.Mutex
	ref *models.Reference
	at  time.Time
}

// reference returns the cached reference lists, reloading them when stale.
func (a *App) reference(ctx context.Context) (*models.Reference, error) {
	a.refs.mu.Lock()
	defer a.refs.mu.Unlock()
	if a.refs.ref != nil && time.Since(a.refs.at) < refTTL {
		return a.refs.ref, nil
	}
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return nil, err
	}
	a.refs.ref, a.refs.at = ref, time.Now()
	return ref, nil
}
