package app

import (
	"context"
	"sync"
	"time"

	"sendboard/models"
	"sendboard/models/schema"
)

// maxAuthEntries bounds the sessions and tokens kept; past it the cache
// starts afresh.
const maxAuthEntries = 20_000

// authCache resolves sessions and API tokens from memory, by the hash the
// database stores, while the accounts revision they were read at stands:
// signing out, disabling or changing a user, changing a password or revoking
// a token all move it (schemaV34), on every replica.
type authCache struct {
	mu       sync.Mutex
	sessions map[string]*authEntry
	tokens   map[string]*authEntry
}

type authEntry struct {
	user     *models.User // read only once stored
	id       uint
	accounts int64
	touched  time.Time // last written: a session's last_seen_at, a token's last_used_at
	expires  time.Time // sessions only
}

// sessionUser is models.SessionUser from memory when it can be.
func (a *App) sessionUser(ctx context.Context, token string) (*models.User, error) {
	rev, err := a.revisions(ctx)
	if err != nil {
		return nil, err
	}
	acc, now, idle := rev.Scope(schema.ScopeAccounts), a.Now(), a.Config.SessionIdle
	hash := models.HashSecret(token)
	a.auth.mu.Lock()
	e := a.auth.sessions[hash]
	if e != nil && (e.accounts != acc || now.After(e.expires)) {
		delete(a.auth.sessions, hash)
		e = nil
	}
	var touch bool
	var u models.User
	if e != nil {
		// One request a minute per session slides the expiry.
		if touch = now.Sub(e.touched) > models.SessionTouchEvery; touch {
			e.touched, e.expires = now, now.Add(idle)
		}
		u = *e.user
	}
	a.auth.mu.Unlock()
	if e != nil {
		if touch {
			if err := models.TouchSession(ctx, a.DB, e.id, now, idle); err != nil {
				return nil, err
			}
		}
		return &u, nil
	}
	user, st, err := models.ResolveSession(ctx, a.DB, hash, now, idle)
	if err != nil {
		return nil, err
	}
	stored := *user
	a.auth.mu.Lock()
	if a.auth.sessions == nil || len(a.auth.sessions) >= maxAuthEntries {
		a.auth.sessions = map[string]*authEntry{}
	}
	a.auth.sessions[hash] = &authEntry{user: &stored, id: st.ID, accounts: acc, touched: st.LastSeenAt, expires: st.ExpiresAt}
	a.auth.mu.Unlock()
	return user, nil
}

// tokenUser is models.TokenUser from memory when it can be.
func (a *App) tokenUser(ctx context.Context, token string) (*models.User, error) {
	rev, err := a.revisions(ctx)
	if err != nil {
		return nil, err
	}
	acc, now := rev.Scope(schema.ScopeAccounts), a.Now()
	hash := models.HashSecret(token)
	a.auth.mu.Lock()
	e := a.auth.tokens[hash]
	if e != nil && e.accounts != acc {
		delete(a.auth.tokens, hash)
		e = nil
	}
	var touch bool
	var u models.User
	if e != nil {
		if touch = now.Sub(e.touched) > time.Minute; touch {
			e.touched = now
		}
		u = *e.user
	}
	a.auth.mu.Unlock()
	if e != nil {
		if touch {
			if err := models.TouchToken(ctx, a.DB, e.id, now); err != nil {
				return nil, err
			}
		}
		return &u, nil
	}
	user, id, used, err := models.ResolveToken(ctx, a.DB, hash, now)
	if err != nil {
		return nil, err
	}
	stored := *user
	a.auth.mu.Lock()
	if a.auth.tokens == nil || len(a.auth.tokens) >= maxAuthEntries {
		a.auth.tokens = map[string]*authEntry{}
	}
	a.auth.tokens[hash] = &authEntry{user: &stored, id: id, accounts: acc, touched: used}
	a.auth.mu.Unlock()
	return user, nil
}
