package models

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxCommentary bounds a KPI figure's commentary, in characters.
const MaxCommentary = 2000

// MaxStoredError bounds the error text kept for a job run or a feed pull, so
// one bad feed cannot make every page that shows it huge.
const MaxStoredError = 4 << 10

// Clip shortens s to at most about n bytes on a character boundary, saying
// how much was left out.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := max(0, n-40) // room for the note
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d more characters)", utf8.RuneCountInString(s[cut:]))
}

// HasLoneSurrogate reports whether a JSON text escapes half of a UTF-16
// surrogate pair without the other half, which encoding/json would silently
// turn into U+FFFD.
func HasLoneSurrogate(b []byte) bool {
	inString, pendingHigh := false, false
	for i := 0; i < len(b); i++ {
		ch := b[i]
		if !inString {
			inString = ch == '"'
			continue
		}
		isLow := false
		switch {
		case ch == '"':
			inString = false
		case ch == '\\' && i+5 < len(b) && b[i+1] == 'u':
			n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
			if err == nil {
				i += 5
				switch {
				case n >= 0xD800 && n < 0xDC00:
					if pendingHigh {
						return true
					}
					pendingHigh = true
					continue
				case n >= 0xDC00 && n < 0xE000:
					if !pendingHigh {
						return true
					}
					isLow = true
				}
			}
		case ch == '\\':
			i++ // an escaped character, never the end of the string
		}
		if pendingHigh && !isLow {
			return true
		}
		pendingHigh = false
	}
	return pendingHigh
}

// ClipRunes cuts s to at most n characters, for columns of a fixed width.
func ClipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Shorten cuts s to at most n characters at a word boundary, with an ellipsis.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// Plural picks the word for n things: one, or many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
