package planimport

import (
	"context"
	"errors"
	"time"

	"sendboard/models"
)

// Gate runs the reading of plan files one at a time, each within a
// deadline, so two large uploads cannot take the server's cores and memory
// together and a file that takes too long is given up. The work stops when
// the caller's context ends (a client that leaves): the reader checks it
// between rows and the database between statements.
type Gate struct {
	slot     chan struct{}
	deadline time.Duration
}

// NewGate is a gate allowing one read at a time, each for at most deadline,
// waiting included.
func NewGate(deadline time.Duration) *Gate {
	return &Gate{slot: make(chan struct{}, 1), deadline: deadline}
}

// Deadline is how long one read may take.
func (g *Gate) Deadline() time.Duration { return g.deadline }

// Do runs fn alone, with ctx bounded by the deadline. A read still waiting
// or running when the deadline passes is an InvalidError on "file" saying
// so; ctx's own end is returned as its error.
func (g *Gate) Do(ctx context.Context, fn func(ctx context.Context) error) error {
	dctx, cancel := context.WithTimeout(ctx, g.deadline)
	defer cancel()
	select {
	case g.slot <- struct{}{}:
	default:
		select {
		case g.slot <- struct{}{}:
		case <-dctx.Done():
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return models.Invalid("file", "Another plan file is being read and did not finish within %s: try again in a minute", g.deadline)
		}
	}
	defer func() { <-g.slot }()
	err := fn(dctx)
	if err != nil && ctx.Err() == nil && errors.Is(dctx.Err(), context.DeadlineExceeded) {
		return models.Invalid("file", "Reading the file took longer than the %s limit: nothing was imported. Split the plan into smaller files or remove sheets it does not need", g.deadline)
	}
	return err
}
