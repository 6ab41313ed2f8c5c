package planfile

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"sendboard/models/textrule"
)

// Options steer the reading of one file.
type Options struct {
	Sheet       string           // the XLSX sheet; the active one when blank
	HeaderRow   int              // the header's row, 1-based; found when 0
	Map         map[Field]string // field -> header, overriding detection; "" leaves the field unused
	KnownBoards []string         // board names to keep whole when splitting on " and "
	// Values are the admin's readings of status and RAG words, overriding
	// what the words are taken to mean ("Delayed" in a status column).
	Values map[ValueKey]Reading
}

// Plan is what a file holds: its areas in order of first appearance and its actions in file order.
type Plan struct {
	Areas   []Area
	Actions []Action
}

// Area is a priority area, theme or work stream.
type Area struct {
	Code   string
	Title  string
	Owners string // council, health, both, other or "" when the file does not say
}

// Action is one row of the plan, its values checked and normalised.
type Action struct {
	Row        int // the spreadsheet row it came from
	Number     string
	AreaCode   string
	Milestone  string
	Aim        string
	Text       string
	Impact     string
	Lead       string
	SRO        string
	Boards     []string
	Due        string          // "YYYY-MM-DD", "YYYY-MM" or ""
	Start      string          // when the work is due to start: "YYYY-MM-DD", "YYYY-MM" or ""
	Completed  string          // the day a complete action was completed, "YYYY-MM-DD", from its column
	History    []PeriodReading // what each review period's column says, oldest first
	Status     string
	InitiateBy string // "YYYY-MM" for a "not_started" action with an initiate-by month
	StatusText string // the status cell as written
	RAG        string
	Progress   string
	Retired    string // why the action was retired; blank for a live action
}

// Result is a file read: where the header was, how the columns were mapped,
// the plan, the lead and board names it uses, and every problem found.
type Result struct {
	Format       string
	Sheets       []string
	Sheet        string
	HeaderRow    int // 1-based, as the sheet numbers it
	Headers      []string
	Columns      map[Field]int // field -> column index into Headers
	Plan         Plan
	Leads        []string // lead and SRO names, first spelling of each
	Boards       []string
	Problems     []Problem // the first MaxProblems
	ProblemCount int

	Periods    []Period   // the status and RAG columns per review period, oldest first
	Values     []ValueUse // each distinct status and RAG word, in order of first use
	Numbered   bool       // no reference column: the actions were numbered in file order
	Renumbered []Renumber // references used twice, told apart by their "(A)", "(B)" markers
	Undated    []ValueUse // words such as "Ongoing" read as no date, by column
}

// Renumber is an action given a new reference: two rows shared one.
type Renumber struct {
	Row      int
	From, To string
}

// Err is nil for a clean file, else an *Error listing its problems.
func (r *Result) Err() error {
	if r.ProblemCount == 0 {
		return nil
	}
	return &Error{Problems: r.Problems, Total: r.ProblemCount}
}

// AddProblem records a problem found after reading, e.g. by the store, so
// the file's problems are reported together and bounded the same way.
func (r *Result) AddProblem(row int, column, format string, args ...any) {
	ps := problems{list: r.Problems, total: r.ProblemCount}
	ps.add(row, column, format, args...)
	r.Problems, r.ProblemCount = ps.list, ps.total
}

// Header is the header of the column mapped to f, or "".
func (r *Result) Header(f Field) string {
	if c, ok := r.Columns[f]; ok && c < len(r.Headers) {
		return r.Headers[c]
	}
	return ""
}

// Parse reads a plan file. The error is for a file that cannot be read at all
// (not a spreadsheet, too big, no header row); problems with its rows and
// columns are in the Result, all of them, so they can be shown together.
func Parse(data []byte, opt Options) (*Result, error) {
	return ParseContext(context.Background(), data, opt)
}

// ParseContext is Parse that stops, with ctx's error, when ctx is done. A
// file over one of the bounds on what a file may hold is a *LimitError.
func ParseContext(ctx context.Context, data []byte, opt Options) (*Result, error) {
	b, err := openBook(ctx, data)
	if err != nil {
		return nil, err
	}
	defer b.close()
	g, err := b.grid(ctx, opt.Sheet)
	if err != nil {
		return nil, err
	}
	hr := findHeader(g.rows, opt.Map)
	if opt.HeaderRow > 0 {
		if opt.HeaderRow > len(g.rows) {
			return nil, fmt.Errorf("the header row %d is below the last row (%d)", opt.HeaderRow, len(g.rows))
		}
		hr = opt.HeaderRow - 1
	}
	if hr < 0 && opt.Sheet == "" {
		// The active sheet may be a cover or notes: take the first sheet with a header.
		for _, name := range g.sheets {
			if name == g.sheet {
				continue
			}
			other, err := b.grid(ctx, name)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err == nil {
				if h := findHeader(other.rows, opt.Map); h >= 0 {
					g, hr = other, h
					break
				}
			}
		}
	}
	res := &Result{Format: DetectFormat(data), Sheets: g.sheets, Sheet: g.sheet}
	if hr < 0 {
		return nil, fmt.Errorf("no header row in the first %d rows: expected columns headed such as Ref, Action, Lead, Due date, Status", headerScan)
	}
	res.HeaderRow = hr + 1
	res.Headers = make([]string, len(g.rows[hr]))
	for i, h := range g.rows[hr] {
		res.Headers[i] = strings.Join(strings.Fields(h), " ")
	}
	var ps problems
	for i, h := range res.Headers {
		if p := textrule.Problem(h); p != "" {
			ps.add(res.HeaderRow, columnLabel(nil, i), "the header %s", p)
			// Shown in the preview's column lists: shown as far as it is text.
			res.Headers[i] = strings.ToValidUTF8(strings.ReplaceAll(h, "\x00", ""), "\uFFFD")
		}
	}
	res.Periods = findPeriods(res.Headers, opt.Map)
	res.Columns = mapColumns(res.Headers, withoutPeriods(res.Headers, res.Periods), opt.Map, &ps)
	if _, ok := res.Columns[FieldAction]; !ok {
		ps.add(0, "", "no Action column: map one, e.g. action=%q", firstNonBlank(res.Headers))
	}
	if ps.total == 0 {
		c := converter{res: res, g: g, known: opt.KnownBoards, ps: &ps,
			values: valueBook{given: opt.Values, index: map[ValueKey]int{}}}
		c.run(g.rows[hr+1:], hr+2)
		c.values.unmatched(&ps)
		res.Values = c.values.uses
	}
	// In the order of the sheet, whatever pass found them.
	col := func(p Problem) int { return slices.Index(res.Headers, p.Column) }
	sort.SliceStable(ps.list, func(i, j int) bool {
		a, b := ps.list[i], ps.list[j]
		return a.Row < b.Row || a.Row == b.Row && col(a) < col(b)
	})
	res.Problems, res.ProblemCount = ps.list, ps.total
	return res, nil
}

// findHeader is the row among the first few that names the most fields, or -1.
func findHeader(rows [][]string, overrides map[Field]string) int {
	best, bestN := -1, 1
	for i := 0; i < min(len(rows), headerScan); i++ {
		// A title merged across the row repeats in every cell: count it once.
		rec := make([]string, len(rows[i]))
		seen := map[string]bool{}
		for j, v := range rows[i] {
			if k := normalise(v); !seen[k] {
				seen[k], rec[j] = true, v
			}
		}
		found := recognised(rec)
		n := len(found)
		for f, h := range overrides {
			if _, ok := found[f]; !ok && h != "" && findColumn(rec, h) >= 0 {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

func recognised(rec []string) map[Field]int { return detect(rec) }

// mapColumns detects the mapping then applies the overrides; a column an
// override claims is taken from the field detection gave it to.
func mapColumns(headers, detectable []string, overrides map[Field]string, ps *problems) map[Field]int {
	cols := detect(detectable)
	for _, f := range Fields {
		h, ok := overrides[f]
		if !ok {
			continue
		}
		delete(cols, f)
		if strings.TrimSpace(h) == "" {
			continue
		}
		c := findColumn(headers, h)
		if c < 0 {
			ps.add(0, f.Label(), "no column headed %q; the headers are %s", h, strings.Join(quoteAll(nonBlank(headers)), ", "))
			continue
		}
		for g, gc := range cols {
			if gc == c {
				if _, overridden := overrides[g]; !overridden {
					delete(cols, g)
				}
			}
		}
		cols[f] = c
	}
	return cols
}

// withoutPeriods is headers with the period columns blanked, so "RAG May
// 20" is not taken for the RAG column.
func withoutPeriods(headers []string, periods []Period) []string {
	out := append([]string(nil), headers...)
	for _, p := range periods {
		out[p.Col] = ""
	}
	return out
}

func nonBlank(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func firstNonBlank(ss []string) string {
	if nb := nonBlank(ss); len(nb) > 0 {
		return nb[0]
	}
	return ""
}

// SortedFields lists the fields of r's mapping in the order of their columns.
func (r *Result) SortedFields() []Field {
	fs := make([]Field, 0, len(r.Columns))
	for f := range r.Columns {
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(a, b Field) int { return r.Columns[a] - r.Columns[b] })
	return fs
}
