package textrule_test

import (
	"testing"

	"sendboard/models/textrule"
)

func TestStorable(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]string{
		"":                  "",
		"Héllo – ✓":         "",
		"a\x00b":            "contains characters that are not valid text (a NUL character)",
		"caf\xe9":           "contains characters that are not valid text (bytes that are not UTF-8)",
		"\xed\xa0\x80 lone": "contains characters that are not valid text (bytes that are not UTF-8)",
	} {
		if got := textrule.Problem(s); got != want {
			t.Errorf("Problem(%q) = %q, want %q", s, got, want)
		}
		if textrule.Storable(s) != (want == "") {
			t.Errorf("Storable(%q) = %v", s, !(want == ""))
		}
	}
}
