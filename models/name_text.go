package models

import (
	"fmt"
	"strings"
	"unicode"
)

// CheckName refuses a name (of a person, lead, board, plan or token) holding
// a control character: a line break, tab or escape code, a line or paragraph
// separator, or a bidirectional override. Such a name cannot go into an
// email's address header, prints wrongly in a pack, and can disguise itself
// on a page; nobody's name needs one. field names the input for the message.
func CheckName(field, s string) error {
	if i := strings.IndexFunc(s, nameControl); i >= 0 {
		r := []rune(s[i:])[0]
		return Invalid(field, "must not contain control characters such as line breaks, tabs or escape codes (this has %s)", describeControl(r))
	}
	return nil
}

// nameControl reports whether r has no place in a name.
func nameControl(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069': // bidi embeddings, overrides, isolates
		return true
	}
	return false
}

func describeControl(r rune) string {
	switch r {
	case '\n':
		return "a line break"
	case '\r':
		return "a carriage return"
	case '\t':
		return "a tab"
	case 0x1b:
		return "an escape character"
	}
	return fmt.Sprintf("the character %U", r)
}
