package planfile

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Statuses as the plan model stores them.
const (
	StatusNotStarted = "not_started"
	StatusInProgress = "in_progress"
	StatusComplete   = "complete"
)

// dayLayouts are the day dates areas write, tried in order: UK order first.
var dayLayouts = []string{"2006-01-02", "02/01/2006", "2/1/2006", "02/01/06", "2/1/06", "02.01.2006",
	"2.1.2006", "2 January 2006", "2 Jan 2006", "02-01-2006", "2006/01/02"}

// monthLayouts are the month-only dates areas write ("March 2025").
var monthLayouts = []string{"January 2006", "Jan 2006", "2006-01", "01/2006", "1/2006", "Jan-06", "January-2006", "Jan-2006"}

// ParseDue reads a due date cell: an Excel date serial, a day ("31/03/2025",
// "2025-03-31") as "YYYY-MM-DD" or a month ("March 2025") as "YYYY-MM".
func ParseDue(cell string, date1904 bool) (string, error) {
	c := strings.TrimSpace(cell)
	if c == "" {
		return "", nil
	}
	if f, err := strconv.ParseFloat(c, 64); err == nil {
		// An Excel date cell read raw is its serial number: days since 1900.
		if f < 10000 || f > 2958465 {
			return "", fmt.Errorf("%s is not a date", c)
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil {
			return "", fmt.Errorf("%s is not a date", c)
		}
		return t.Format("2006-01-02"), nil
	}
	c = strings.Join(strings.Fields(c), " ")
	c = strings.Replace(c, "Sept ", "Sep ", 1)
	c = strings.Replace(c, "sept ", "sep ", 1)
	// Excel exports of date cells can carry midnight.
	c = strings.TrimSuffix(strings.TrimSuffix(c, " 00:00:00"), "T00:00:00Z")
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, titleMonth(c)); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	for _, l := range monthLayouts {
		if t, err := time.Parse(l, titleMonth(c)); err == nil {
			return t.Format("2006-01"), nil
		}
	}
	return "", fmt.Errorf("%s is not a date", cell)
}

// titleMonth capitalises month words so "march 2025" parses.
func titleMonth(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		if len(x) > 2 && x[0] >= 'a' && x[0] <= 'z' {
			w[i] = strings.ToUpper(x[:1]) + strings.ToLower(x[1:])
		} else if len(x) > 2 && x[0] >= 'A' && x[0] <= 'Z' {
			w[i] = x[:1] + strings.ToLower(x[1:])
		}
	}
	return strings.Join(w, " ")
}

var initiateRe = regexp.MustCompile(`(?i)^(?:to\s+)?initiate(?:\s+(?:by|in|from))?\s+(.+)$`)

// ParseStatus maps a status cell to a status and, for "Initiate September
// 2019", the month ("2019-09") it is due to start by.
func ParseStatus(cell string) (status, initiateBy string, err error) {
	c := strings.Join(strings.Fields(strings.TrimRight(strings.TrimSpace(cell), ".")), " ")
	switch strings.ToLower(c) {
	case "", "not started", "not yet started", "not begun", "planned", "to start":
		return StatusNotStarted, "", nil
	case "in progress", "in-progress", "inprogress", "ongoing", "on going", "started", "on track", "underway", "under way":
		return StatusInProgress, "", nil
	case "complete", "completed", "done", "closed", "achieved":
		return StatusComplete, "", nil
	}
	if m := initiateRe.FindStringSubmatch(c); m != nil {
		due, derr := ParseDue(m[1], false)
		if derr == nil && len(due) == 7 {
			return StatusNotStarted, due, nil
		}
		if derr == nil {
			return StatusNotStarted, due[:7], nil
		}
	}
	return "", "", fmt.Errorf("%q is not a status (In progress, Not started, Complete or Initiate <Month yyyy>)", cell)
}

// ParseRAG maps "Red", "R", "amber" … to red, amber, green or blue; blank stays blank.
func ParseRAG(cell string) (string, error) {
	c := strings.ToLower(strings.TrimRight(strings.TrimSpace(cell), "."))
	switch c {
	case "":
		return "", nil
	case "r", "red":
		return "red", nil
	case "a", "amber", "yellow":
		return "amber", nil
	case "g", "green":
		return "green", nil
	case "b", "blue", "complete", "completed":
		return "blue", nil
	}
	return "", fmt.Errorf("%q is not a RAG rating (Red, Amber, Green, Blue or R, A, G, B)", cell)
}

// SplitBoards splits a governance cell on ";", ",", newlines and " and ",
// keeping each of the known board names whole wherever it appears ("CCG Audit
// and Quality Group") and spelling it as known ("SEND improvement Board" ->
// "SEND Improvement Board").
func SplitBoards(cell string, known []string) []string {
	s := strings.Join(strings.Fields(cell), " ")
	if s == "" {
		return nil
	}
	names := append([]string(nil), known...)
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	var parts []string
	var found []string
	lower := asciiLower(s)
	// Replace known names by a marker, longest first, so their inner " and " is not split.
	for _, k := range names {
		kl := asciiLower(strings.TrimSpace(k))
		if kl == "" {
			continue
		}
		for {
			i := indexWord(lower, kl)
			if i < 0 {
				break
			}
			marker := fmt.Sprintf("\x00%d\x00", len(found))
			found = append(found, k)
			s = s[:i] + marker + s[i+len(kl):]
			lower = lower[:i] + marker + lower[i+len(kl):]
		}
	}
	for _, p := range splitRe.Split(s, -1) {
		p = strings.Trim(strings.TrimSpace(p), ".")
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		for i, k := range found {
			p = strings.ReplaceAll(p, fmt.Sprintf("\x00%d\x00", i), k)
		}
		if !containsFold(parts, p) {
			parts = append(parts, p)
		}
	}
	return parts
}

var splitRe = regexp.MustCompile(`(?i)\s*[;,\n]\s*|\s+and\s+`)

// indexWord finds sub in s where it is not part of a longer word.
func indexWord(s, sub string) int {
	from := 0
	for {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(sub)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		from = i + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z'
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

var areaRe = regexp.MustCompile(`(?i)^(?:(?:priority\s+area|area\s+for\s+priority\s+action|area\s+for\s+improvement|priority|area|theme|work\s*stream)\s*)?` +
	`(\d+(?:\.\d+)?[a-z]?|[a-z]{1,3}\d+)\s*(?:[.:)\-–—]\s*|\s+|$)(.*)$`)

// ParseArea splits an area cell into its code and title: "Priority area 2:
// Joint commissioning" -> ("2", "Joint commissioning"). A cell with no code
// has only a title.
func ParseArea(cell string) (code, title string) {
	c := strings.Join(strings.Fields(cell), " ")
	if m := areaRe.FindStringSubmatch(c); m != nil {
		return m[1], strings.TrimSpace(m[2])
	}
	return "", c
}

// SplitOwners reads an area's owning partners: "Council and health" -> [council health].
func SplitOwners(cell string) []string {
	var out []string
	for _, p := range SplitBoards(cell, nil) {
		p = strings.ToLower(p)
		switch p {
		case "la", "local authority":
			p = "council"
		case "icb", "nhs", "health/icb", "ccg":
			p = "health"
		case "both":
			for _, q := range []string{"council", "health"} {
				if !containsFold(out, q) {
					out = append(out, q)
				}
			}
			continue
		}
		if !containsFold(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// asciiLower lowers ASCII letters only, so byte offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
