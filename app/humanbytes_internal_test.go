package app

import "testing"

func TestHumanBytes(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{10 << 20: "10 MiB", 1 << 20: "1 MiB", 3 << 19: "1.5 MiB",
		512 << 10: "512 KiB", 1536: "1.5 KiB", 900: "900 bytes", 10<<20 + 1: "10.0 MiB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
