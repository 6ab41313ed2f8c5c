package app_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"sendboard/app"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// Two replicas starting together on an empty database both migrate, seed and
// bootstrap without error, and create one administrator between them.
func TestReplicasStartTogetherOnAnEmptyDatabase(t *testing.T) {
	t.Parallel()
	modeltest.EachEmpty(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		cfg := app.Defaults()
		if d.Name == "postgres" {
			cfg.DatabaseURL = d.DSN
		} else {
			cfg.SQLitePath = d.DSN
		}
		var outs [3]bytes.Buffer
		var errs [3]error
		var wg sync.WaitGroup
		for i := range outs {
			a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(a.Close)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if errs[i] = a.Prepare(ctx); errs[i] == nil {
					errs[i] = a.Bootstrap(ctx, &outs[i])
				}
			}()
		}
		wg.Wait()
		printed := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("replica %d: %v", i, err)
			}
			if strings.Contains(outs[i].String(), "password:") {
				printed++
			}
		}
		var users, plans int64
		d.DB.Model(&models.User{}).Count(&users)
		d.DB.Model(&models.Plan{}).Count(&plans)
		if printed != 1 || users != 1 || plans != 1 {
			t.Fatalf("%d passwords printed, %d users, %d plans; want one of each", printed, users, plans)
		}
	})
}
