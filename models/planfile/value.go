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

// SplitBoards splits a governance cell into board names. ";" and new lines
// always separate; "," and " and " separate where the words before them read
// as a whole board name (ending "Board", "Group", "Forum"…, or an acronym such
// as "SIB"), so "SEND Health Forum and CCG Audit and Quality Group" is two
// boards and "Health and Wellbeing Board" one. Each known board name is kept
// whole wherever it appears and spelt as known ("SEND improvement Board" ->
// "SEND Improvement Board").
func SplitBoards(cell string, known []string) []string {
	s := strings.Join(strings.Fields(cell), " ")
	if s == "" {
		return nil
	}
	names := append([]string(nil), known...)
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
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
			found = append(found, strings.TrimSpace(k))
			s = s[:i] + marker + s[i+len(kl):]
			lower = lower[:i] + marker + lower[i+len(kl):]
		}
	}
	var parts []string
	add := func(p string) {
		p = strings.TrimSpace(strings.Trim(strings.TrimSpace(p), "."))
		if p == "" {
			return
		}
		for i, k := range found {
			p = strings.ReplaceAll(p, fmt.Sprintf("\x00%d\x00", i), k)
		}
		if !containsFold(parts, p) {
			parts = append(parts, p)
		}
	}
	for _, chunk := range hardSplit.Split(s, -1) {
		start := 0
		for _, m := range softSplit.FindAllStringIndex(chunk, -1) {
			if wholeBoardName(chunk[start:m[0]]) {
				add(chunk[start:m[0]])
				start = m[1]
			}
		}
		add(chunk[start:])
	}
	return parts
}

var (
	hardSplit = regexp.MustCompile(`\s*[;\n]\s*`)
	softSplit = regexp.MustCompile(`(?i)\s*,\s*|\s+and\s+`)
)

// boardWords end a board's name.
var boardWords = map[string]bool{"board": true, "boards": true, "group": true, "forum": true, "panel": true,
	"committee": true, "partnership": true, "meeting": true, "network": true, "team": true, "executive": true,
	"trust": true, "council": true, "collaborative": true, "subgroup": true, "cabinet": true, "assembly": true}

// wholeBoardName reports whether s reads as a complete board name.
func wholeBoardName(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "\x00") {
		return true // a known board
	}
	w := strings.Fields(s)
	if len(w) == 0 {
		return false
	}
	last := strings.ToLower(strings.Trim(w[len(w)-1], ".()"))
	if boardWords[last] {
		return true
	}
	if len(w) == 1 && len(w[0]) >= 2 && len(w[0]) <= 10 && strings.ToUpper(w[0]) == w[0] && hasLetter(w[0]) {
		return true // an acronym such as "SIB"
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

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

// Area owners: the partner that must act on an area.
const (
	OwnerCouncil = "council"
	OwnerHealth  = "health"
	OwnerBoth    = "both"
	OwnerOther   = "other"
)

// ParseOwners reads an area's owning partners into council, health, both or
// other: "Council and ICB" -> both; a partner named but neither council nor
// health (the parent carer forum, schools) -> other.
func ParseOwners(cell string) string {
	council, health, other := false, false, false
	for _, p := range SplitBoards(strings.ReplaceAll(cell, "/", ";"), nil) {
		switch strings.ToLower(p) {
		case "council", "la", "local authority", "the council":
			council = true
		case "health", "icb", "nhs", "ccg", "health (icb)", "integrated care board", "nhs icb":
			health = true
		case "both", "joint", "council and health":
			council, health = true, true
		default:
			other = true
		}
	}
	switch {
	case council && health:
		return OwnerBoth
	case council && !other:
		return OwnerCouncil
	case health && !other:
		return OwnerHealth
	case council || health || other:
		return OwnerOther
	}
	return ""
}

// OwnersWords is an owner as a sheet writes it.
func OwnersWords(o string) string {
	switch o {
	case OwnerCouncil:
		return "Council"
	case OwnerHealth:
		return "Health"
	case OwnerBoth:
		return "Council and health"
	case OwnerOther:
		return "Other"
	}
	return ""
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
