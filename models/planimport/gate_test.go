package planimport_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/planimport"
)

// The gate lets one read run at a time: a second waits, and is turned away
// when the deadline passes first; a read over its deadline is stopped and
// said to be too slow; a caller that leaves gets its own error back.
func TestGateOneAtATimeWithinADeadline(t *testing.T) {
	t.Parallel()
	g := planimport.NewGate(200 * time.Millisecond)
	started, release := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- g.Do(context.Background(), func(ctx context.Context) error {
			close(started)
			<-release
			return nil
		})
	}()
	<-started
	ran := false
	err := g.Do(context.Background(), func(context.Context) error { ran = true; return nil })
	if ie, ok := models.IsInvalid(err); !ok || ie.Field != "file" || !strings.Contains(ie.Message, "Another plan file is being read") || ran {
		t.Fatalf("a second read while the first runs: ran %v, %v", ran, err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	err = g.Do(context.Background(), func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
	if ie, ok := models.IsInvalid(err); !ok || !strings.Contains(ie.Message, "took longer than the 200ms limit") {
		t.Fatalf("a slow read: %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the slow read was stopped after %v", took)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.Do(ctx, func(ctx context.Context) error { return ctx.Err() }); !errors.Is(err, context.Canceled) {
		t.Fatalf("a read whose client left: %v", err)
	}
	if err := g.Do(context.Background(), func(context.Context) error { return nil }); err != nil {
		t.Fatalf("the gate is free again: %v", err)
	}
}
