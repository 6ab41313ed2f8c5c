package planfile

import (
	"regexp"
	"strings"
)

// leadCell is a lead cell as read: white space collapsed, a trailing full
// stop dropped, and each line break kept as " / " so a cell listing one lead
// per line can still be split (see SplitLeadCell).
func leadCell(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
	var parts []string
	for _, l := range lines {
		if l = trimName(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " / ")
}

// officerOrg is "(initials) ORG": a responsible officer's initials before
// their organisation, as in "(M.S) CYC (K.McN) CCG".
var (
	officerOrgs   = regexp.MustCompile(`^(?:\s*\([^()]*\)\s*[^()]+){2,}$`)
	officerOrg    = regexp.MustCompile(`\([^()]*\)\s*([^()]+)`)
	leadSeparator = regexp.MustCompile(`(?i)\s+and\s+|\s*[&/,;]\s*`)
)

// maxLeadParts bounds the names one lead cell is read as.
const maxLeadParts = 10

// SplitLeadCell splits a lead cell naming several leads on the separators
// plans use (" and ", "&", "/", ",", ";", a line break, or "(initials) ORG"
// repeated), or returns nil when it has only one part. Whether the parts are
// leads is for the caller to decide: "Head of SEND and Inclusion" is one.
func SplitLeadCell(cell string) []string {
	var parts []string
	if officerOrgs.MatchString(cell) {
		for _, m := range officerOrg.FindAllStringSubmatch(cell, maxLeadParts+1) {
			parts = append(parts, m[1])
		}
	} else {
		parts = leadSeparator.Split(cell, maxLeadParts+1)
	}
	var out []string
	for _, p := range parts {
		if p = trimName(strings.Trim(p, " .")); p != "" {
			out = append(out, p)
		}
	}
	if len(out) < 2 || len(out) > maxLeadParts {
		return nil
	}
	return out
}
