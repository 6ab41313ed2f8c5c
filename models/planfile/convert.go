package planfile

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sendboard/models/textrule"
)

// MaxNumberLen is the longest action reference the plan model stores.
const MaxNumberLen = 20

// converter turns the rows below the header into a plan, noting every problem.
type converter struct {
	res   *Result
	g     *grid
	known []string
	ps    *problems

	areas     map[string]int // area key -> index in Plan.Areas
	area      int            // current area index, -1 before any
	milestone string
	numbers   map[string]int // action number -> row
	leads     map[string]bool
	boards    map[string]bool
	values    valueBook
	undated   valueBook
}

func (c *converter) cell(rec []string, f Field) string {
	col, ok := c.res.Columns[f]
	if !ok || col >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[col])
}

func (c *converter) run(rows [][]string, firstRow int) {
	c.areas, c.area, c.numbers = map[string]int{}, -1, map[string]int{}
	c.leads, c.boards = map[string]bool{}, map[string]bool{}
	c.undated.index = map[ValueKey]int{}
	for i, rec := range rows {
		row := firstRow + i
		if len(nonBlank(rec)) == 0 {
			continue
		}
		c.checkLengths(rec, row)
		if c.section(rec) {
			continue
		}
		c.action(rec, row)
	}
	c.numberAreas()
	c.markDuplicates()
	c.res.Undated = c.undated.uses
}

func (c *converter) checkLengths(rec []string, row int) {
	for i, v := range rec {
		if utf8.RuneCountInString(v) > MaxCellRunes {
			c.ps.add(row, columnLabel(c.res.Headers, i), "longer than %d characters", MaxCellRunes)
		}
		if p := textrule.Problem(v); p != "" {
			c.ps.add(row, columnLabel(c.res.Headers, i), "%s", p)
		}
	}
}

// section handles a heading row between actions: one value across the row (as
// a merged cell reads) with no action. "… Milestones …" starts a milestone,
// anything else an area.
func (c *converter) section(rec []string) bool {
	first, n := -1, 0
	for i, v := range rec {
		if strings.TrimSpace(v) == "" {
			continue
		}
		if first >= 0 && strings.TrimSpace(v) != strings.TrimSpace(rec[first]) {
			return false
		}
		if first < 0 {
			first = i
		}
		n++
	}
	leftmost := len(rec)
	for _, col := range c.res.Columns {
		leftmost = min(leftmost, col)
	}
	// One value across several cells is a merged heading; a lone value is one
	// when it stands at the left or in the Area column and there is no action.
	areaCol, hasArea := c.res.Columns[FieldArea]
	if n < 2 && (c.cell(rec, FieldAction) != "" || first > leftmost && !(hasArea && first == areaCol)) {
		return false
	}
	text := strings.Join(strings.Fields(rec[first]), " ")
	if !hasWord(text) {
		return false // a reference with no action is a bad action row, not a heading
	}
	if strings.Contains(strings.ToLower(text), "milestone") {
		c.milestone = text
		return true
	}
	if _, ok := c.res.Columns[FieldArea]; !ok || c.cell(rec, FieldArea) == "" || c.cell(rec, FieldArea) == text {
		c.setArea(ParseArea(text))
	}
	return true
}

func (c *converter) setArea(code, title string) {
	key := strings.ToLower(code)
	if code == "" {
		key = "title:" + strings.ToLower(title)
	}
	i, ok := c.areas[key]
	if !ok {
		c.res.Plan.Areas = append(c.res.Plan.Areas, Area{Code: code, Title: title})
		i = len(c.res.Plan.Areas) - 1
		c.areas[key] = i
	} else if c.res.Plan.Areas[i].Title == "" {
		c.res.Plan.Areas[i].Title = title
	}
	c.area = i
}

func (c *converter) action(rec []string, row int) {
	if v := c.cell(rec, FieldArea); v != "" || c.cell(rec, FieldAreaCode) != "" {
		code, title := ParseArea(v)
		if ac := c.cell(rec, FieldAreaCode); ac != "" {
			code, title = ac, strings.Join(strings.Fields(v), " ")
		}
		c.setArea(code, title)
	}
	if c.area < 0 {
		c.setArea("", "Actions")
	}
	if v := c.cell(rec, FieldMilestone); v != "" {
		c.milestone = strings.Join(strings.Fields(v), " ")
	}
	if owners := c.cell(rec, FieldAreaOwners); owners != "" {
		c.res.Plan.Areas[c.area].Owners = ParseOwners(owners)
	}
	a := Action{Row: row, Milestone: c.milestone,
		Aim: c.cell(rec, FieldAim), Text: c.cell(rec, FieldAction), Impact: c.cell(rec, FieldImpact),
		Lead: leadCell(c.cell(rec, FieldLead)), SRO: trimName(c.cell(rec, FieldSRO)),
		Progress: c.cell(rec, FieldProgress), StatusText: c.cell(rec, FieldStatus), Retired: c.cell(rec, FieldRetired)}
	c.number(&a, rec, row)
	if a.Text == "" {
		c.ps.add(row, c.res.Header(FieldAction), "empty")
	}
	c.governance(&a, rec)
	c.checkNames(&a, row)
	c.statusAndRAG(&a, rec, row)
	a.Due = c.date(rec, FieldDue, row)
	a.Start = c.date(rec, FieldStart, row)
	if done := c.date(rec, FieldCompleted, row); done != "" && a.Status == StatusComplete {
		if len(done) == 7 {
			c.ps.add(row, c.res.Header(FieldCompleted), "%s is a month: give the day it was completed", DueWords(done))
		}
		a.Completed = done
	}
	for _, n := range []string{a.Lead, a.SRO} {
		if n != "" && !c.leads[strings.ToLower(n)] {
			c.leads[strings.ToLower(n)] = true
			c.res.Leads = append(c.res.Leads, n)
		}
	}
	for _, b := range a.Boards {
		if !c.boards[strings.ToLower(b)] {
			c.boards[strings.ToLower(b)] = true
			c.res.Boards = append(c.res.Boards, b)
		}
	}
	a.AreaCode = strconv.Itoa(c.area) // the area's index until numberAreas gives codes
	c.res.Plan.Actions = append(c.res.Plan.Actions, a)
}

func (c *converter) number(a *Action, rec []string, row int) {
	if _, ok := c.res.Columns[FieldRef]; !ok {
		c.res.Numbered = true
		return // numbered once the areas have codes
	}
	a.Number = strings.TrimSuffix(c.cell(rec, FieldRef), ".")
	h := c.res.Header(FieldRef)
	switch {
	case a.Number == "":
		c.ps.add(row, h, "empty")
	case len(a.Number) > MaxNumberLen:
		c.ps.add(row, h, "longer than %d characters", MaxNumberLen)
	default:
		if _, dup := c.numbers[strings.ToLower(a.Number)]; !dup {
			c.numbers[strings.ToLower(a.Number)] = row
		} // duplicates are told apart, or reported, once every row is read
	}
}

// governance reads the boards, and a "Lead and governance" cell written
// "Lead; Board and Board".
func (c *converter) governance(a *Action, rec []string) {
	known := append(append([]string(nil), c.known...), c.res.Boards...)
	if lg := c.cell(rec, FieldLeadGovernance); lg != "" {
		lead, boards, _ := strings.Cut(lg, ";")
		if a.Lead == "" {
			a.Lead = trimName(lead)
		}
		a.Boards = SplitBoards(boards, known)
	}
	for _, b := range SplitBoards(c.cell(rec, FieldBoard), known) {
		if !containsFold(a.Boards, b) {
			a.Boards = append(a.Boards, b)
		}
	}
}

// numberAreas gives areas without a code the next free number, then turns
// each action's area index into its code and numbers actions of a file
// without references "area.n".
func (c *converter) numberAreas() {
	areas := c.res.Plan.Areas
	used := map[string]bool{}
	for _, a := range areas {
		used[strings.ToLower(a.Code)] = true
	}
	next := 1
	for i := range areas {
		if areas[i].Code != "" {
			continue
		}
		for used[strconv.Itoa(next)] {
			next++
		}
		areas[i].Code = strconv.Itoa(next)
		used[areas[i].Code] = true
	}
	seq := map[int]int{}
	// A file with neither areas nor references numbers its actions 1, 2, 3….
	plain := len(areas) == 1 && areas[0].Title == "Actions" && !c.hasAreaColumn()
	for i := range c.res.Plan.Actions {
		a := &c.res.Plan.Actions[i]
		idx, _ := strconv.Atoi(a.AreaCode)
		a.AreaCode = areas[idx].Code
		if _, ok := c.res.Columns[FieldRef]; !ok {
			seq[idx]++
			a.Number = a.AreaCode + "." + strconv.Itoa(seq[idx])
			if plain {
				a.Number = strconv.Itoa(seq[idx])
			}
		}
		if areas[idx].Title == "" {
			areas[idx].Title = "Area " + areas[idx].Code
		}
	}
}

// checkNames reports a lead, SRO or board name holding a control character
// (line breaks and tabs are already folded into spaces by trimName): it could
// not be put in an email's address or shown as written.
func (c *converter) checkNames(a *Action, row int) {
	check := func(f Field, n string) {
		if i := strings.IndexFunc(n, nameControl); i >= 0 {
			h := c.res.Header(f)
			if h == "" {
				h = c.res.Header(FieldLeadGovernance) // the name came from "Lead; Board and Board"
			}
			c.ps.add(row, h, "the name %q contains a control character (%U); remove it", n, []rune(n[i:])[0])
		}
	}
	check(FieldLead, a.Lead)
	check(FieldSRO, a.SRO)
	for _, b := range a.Boards {
		check(FieldBoard, b)
	}
}

// nameControl is the rule of models.CheckName, which this package cannot
// import: control characters, line and paragraph separators, bidi overrides.
func nameControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

func (c *converter) hasAreaColumn() bool {
	_, area := c.res.Columns[FieldArea]
	_, code := c.res.Columns[FieldAreaCode]
	return area || code
}

// trimName tidies a lead or board name: spaces collapsed, a final full stop dropped.
func trimName(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.Join(strings.Fields(s), " "), "."))
}

// hasWord reports whether s holds a word of three letters or more.
func hasWord(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if n++; n >= 3 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}
