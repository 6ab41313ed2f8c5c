package planfile

import (
	"fmt"
	"regexp"
	"strings"
)

// statusAndRAG reads an action's status and rating: the Status and RAG
// columns where they say, else the newest review period that does; and each
// period's reading as the action's history.
func (c *converter) statusAndRAG(a *Action, rec []string, row int) {
	for _, p := range c.res.Periods {
		cell := ""
		if p.Col < len(rec) {
			cell = strings.TrimSpace(rec[p.Col])
		}
		if cell == "" {
			continue
		}
		r, ok := c.values.read(p.Kind, cell, p.Header, row)
		if ok {
			a.History = append(a.History, PeriodReading{End: p.End, Header: p.Header, Text: cell, Reading: r})
		}
	}
	var latest Reading
	if n := len(a.History); n > 0 {
		latest = a.History[n-1].Reading
	}
	a.Status = cmpOr(latest.Status, StatusNotStarted)
	if st := a.StatusText; st != "" {
		if m := initiateRe.FindStringSubmatch(strings.Join(strings.Fields(st), " ")); m != nil {
			if s, by, err := ParseStatus(st); err == nil {
				a.Status, a.InitiateBy = s, by
			}
		}
		if a.InitiateBy == "" {
			if r, ok := c.values.read(KindStatus, st, c.res.Header(FieldStatus), row); ok {
				a.Status = r.Status
				if r.RAG != "" && r.RAG != "blue" {
					latest.RAG = r.RAG // "Delayed": a rating said in the status
				}
			}
		}
	}
	a.RAG = latest.RAG
	if cell := c.cell(rec, FieldRAG); cell != "" {
		if r, ok := c.values.read(KindRAG, cell, c.res.Header(FieldRAG), row); ok {
			a.RAG = r.RAG
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// noDateWords are what areas write in a date column for work with no end.
var noDateWords = map[string]bool{"ongoing": true, "on going": true, "on-going": true, "tbc": true, "tbd": true,
	"to be confirmed": true, "to be decided": true, "throughout": true, "continuous": true, "n/a": true, "na": true,
	"continual": true, "rolling": true}

// date reads a date column: a day or month, or none for "Ongoing", noted.
func (c *converter) date(rec []string, f Field, row int) string {
	cell := c.cell(rec, f)
	if noDateWords[normaliseWord(cell)] {
		c.undated.read(string(f), cell, c.res.Header(f), row)
		return ""
	}
	d, err := ParseDue(cell, c.g.date1904)
	if err != nil {
		c.ps.add(row, c.res.Header(f), "%s", err.Error())
	}
	return d
}

// markerRe finds a row's "(A)", "(b)" marker in its action text.
var markerRe = regexp.MustCompile(`\(([A-Za-z])\)`)

// markDuplicates tells apart the rows that share a reference by the markers
// in their text (3.1 "(A)" and "(B)" become 3.1a and 3.1b); a reference
// used twice without them is a problem on each later row.
func (c *converter) markDuplicates() {
	if _, ok := c.res.Columns[FieldRef]; !ok {
		return
	}
	groups := map[string][]int{}
	var order []string
	for i, a := range c.res.Plan.Actions {
		k := strings.ToLower(a.Number)
		if k == "" {
			continue
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	taken := map[string]bool{}
	for _, k := range order {
		taken[k] = true
	}
	h := c.res.Header(FieldRef)
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 {
			continue
		}
		markers := map[string]bool{}
		ok := true
		for _, i := range idx {
			m := markerRe.FindStringSubmatch(c.res.Plan.Actions[i].Text)
			if m == nil || markers[strings.ToLower(m[1])] || taken[k+strings.ToLower(m[1])] {
				ok = false
				break
			}
			markers[strings.ToLower(m[1])] = true
		}
		if !ok {
			first := c.res.Plan.Actions[idx[0]]
			for _, i := range idx[1:] {
				a := c.res.Plan.Actions[i]
				c.ps.add(a.Row, h, "%s is also on row %d; to keep both, mark their actions \"(A)\" and \"(B)\"", a.Number, first.Row)
			}
			continue
		}
		for _, i := range idx {
			a := &c.res.Plan.Actions[i]
			to := a.Number + strings.ToLower(markerRe.FindStringSubmatch(a.Text)[1])
			if len(to) > MaxNumberLen {
				c.ps.add(a.Row, h, "%s is longer than %d characters", to, MaxNumberLen)
				continue
			}
			c.res.Renumbered = append(c.res.Renumbered, Renumber{Row: a.Row, From: a.Number, To: to})
			a.Number = to
		}
	}
}

// NumberingNote says how the actions were numbered when the file has no
// reference column, "" when it has one.
func (r *Result) NumberingNote() string {
	if !r.Numbered || len(r.Plan.Actions) == 0 {
		return ""
	}
	if len(r.Plan.Areas) == 1 && r.Plan.Actions[0].Number == "1" {
		return "The file has no reference column: the actions are numbered 1, 2, 3… in the order of the file."
	}
	return fmt.Sprintf("The file has no reference column: the actions are numbered by area, %s.1, %s.2… in the order of the file.",
		r.Plan.Areas[0].Code, r.Plan.Areas[0].Code)
}
