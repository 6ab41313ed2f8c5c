package main

import (
	"context"
	"fmt"
	"net"
	"runtime/debug"

	"sendboard/app"
)

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "serve", "serve [--addr host:port] [--no-jobs]")
	addr := fs.String("addr", "", "listen address (default $SENDBOARD_ADDR or 127.0.0.1:8080)")
	noJobs := fs.Bool("no-jobs", false, "do not start the scheduled jobs in this process")
	if err := parse(fs, args); err != nil {
		return err
	}
	sso, err := loadOIDC(env, env.getenv("SENDBOARD_OIDC_CONFIG"))
	if err != nil {
		return err
	}
	tuneGC(env)
	a, err := openToSetUp(ctx, env, func(c *app.Config) {
		if *addr != "" {
			c.Addr, c.AddrFrom, c.AddrGiven = *addr, "--addr", true
		}
		c.NoJobs = c.NoJobs || *noJobs
	})
	if err != nil {
		return err
	}
	defer a.Close()
	a.UseOIDC(sso)
	if err := a.Prepare(ctx); err != nil {
		return err
	}
	if err := a.Bootstrap(ctx, env.stdout); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", a.Config.Addr, err)
	}
	return a.Serve(ctx, ln)
}

// tuneGC trades memory the server has to spare for less garbage collection
// (it was 12-16% of CPU under load), capped well inside a small container.
// GOGC or GOMEMLIMIT in the environment take precedence.
func tuneGC(env *cliEnv) {
	if env.getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if env.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
}
