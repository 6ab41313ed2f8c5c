package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/app/mailtest"
)

// Emails queued from the command line link to where the server was started,
// not to the default address: serve records it, the command line takes it,
// and SENDBOARD_BASE_URL or SENDBOARD_ADDR in the command's own environment
// win. The server warns once that its loopback links open only on its machine.
func TestCommandLineLinksToTheServedAddress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	smtp := mailtest.Start(t)
	c := newCLI(t)
	c.vars["SENDBOARD_SMTP_URL"] = smtp.URL()
	base, stop := serve(t, c)
	if code := stop(); code != 0 {
		t.Fatalf("serve: exit %d: %s", code, c.stderr)
	}
	if n := strings.Count(c.stderr.String(), "emails will link to "+base+", which only this machine can open"); n != 1 {
		t.Errorf("serve warned %d times about its loopback links, want once:\n%s", n, c.stderr)
	}
	if base == "http://127.0.0.1:8080" {
		t.Fatal("the test server took the default port")
	}
	if code := c.run(ctx, "user", "add", "--email", "dco@example.test", "--name", "Dee", "--role", "lead", "--lead", "DCO"); code != 0 {
		t.Fatalf("user add: %d %s", code, c.stderr)
	}
	for i, want := range []struct{ env, value, base string }{
		{"", "", base},
		{"SENDBOARD_ADDR", "10.0.0.7:8081", "http://10.0.0.7:8081"},
		{"SENDBOARD_BASE_URL", "https://sendboard.example.org/", "https://sendboard.example.org"},
	} {
		if want.env != "" {
			c.vars[want.env] = want.value
		}
		// A due date of its own each time: one open round per plan and due date.
		due := time.Now().AddDate(0, 0, 20+i).Format("2006-01-02")
		code := c.run(ctx, "round", "open", "--due", due, "--owner", "admin@sendboard.local", "--filter", "lead=dco")
		if code != 0 {
			t.Fatalf("round open with %s=%q: %d %s", want.env, want.value, code, c.stderr)
		}
		if loopback := strings.Contains(c.stderr.String(), "which only this machine can open"); loopback != (i == 0) {
			t.Errorf("round open with %s=%q: loopback note %v: %q", want.env, want.value, loopback, c.stderr)
		}
		if code := c.run(ctx, "mail", "send"); code != 0 {
			t.Fatalf("mail send: %d %s", code, c.stderr)
		}
		msgs := smtp.Messages()
		if len(msgs) != i+1 {
			t.Fatalf("%d messages, want %d", len(msgs), i+1)
		}
		text := msgs[i].Text
		if !strings.Contains(text, want.base+"/") || strings.Contains(text, "127.0.0.1:8080") {
			t.Errorf("with %s=%q the email should link to %s:\n%s", want.env, want.value, want.base, text)
		}
	}
}
