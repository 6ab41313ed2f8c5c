package app

import "testing"

func TestBaseURLReachable(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		base, addr string
		want       bool
	}{
		{"", "127.0.0.1:8080", false},
		{"", "localhost:8080", false},
		{"", "[::1]:8080", false},
		{"", "0.0.0.0:8080", false},
		{"", "[::]:8080", false},
		{"", "10.1.2.3:8080", true},
		{"", "sendboard.internal:80", true},
		{"https://sendboard.example.org", "127.0.0.1:8080", true},
		{"http://localhost:9000", "10.1.2.3:8080", false},
	} {
		cfg := Defaults()
		cfg.Addr, cfg.Mail.BaseURL = c.addr, c.base
		if got := cfg.BaseURLReachable(); got != c.want {
			t.Errorf("base %q, addr %q: reachable %v, want %v", c.base, c.addr, got, c.want)
		}
	}
}
