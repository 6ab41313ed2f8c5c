package textrule

import (
	"strings"
	"unicode/utf8"
)

// Storable reports whether s is valid UTF-8 without NUL characters.
func Storable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// Problem says why s cannot be stored, or is "" when it can.
func Problem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "contains characters that are not valid text (bytes that are not UTF-8)"
	case strings.ContainsRune(s, 0):
		return "contains characters that are not valid text (a NUL character)"
	}
	return ""
}
