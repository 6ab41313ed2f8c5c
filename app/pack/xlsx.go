package pack

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sendboard/models"
	packs "sendboard/models/pack"
)

// Sheets names the XLSX's sheets, one per part of the pack.
var Sheets = append([]string{"Cover", "Summary", "Changes", "Exceptions", "Actions", "KPIs", "KPI charts", "KPIs off track", "Benchmarks", "Highlights", "Slippage", "Appendix"},
	boardSheets...)

// xlsxDoc writes tables to the workbook's sheets, remembering the first error.
type xlsxDoc struct {
	f                 *excelize.File
	head, date, month int
	wrap, dateTm      int
	rag               map[string]int // a RAG cell's fill, by rating
	err               error
}

// xlsxTable is one sheet's table: a header row, then rows from A2. Columns
// listed in styles get that cell style (dates, months, RAG fills are set per
// cell by ragCol); others wrap.
type xlsxTable struct {
	sheet  string
	header []string
	widths []float64
	rows   [][]any
	styles map[int]int
	ragCol int      // 0-based column holding a RAG label, or -1
	rags   []string // each row's RAG rating, for ragCol's fill
	// plans, when the pack covers several plans, names each row's plan: the
	// table gains a first column "Plan", so it sorts and filters by plan.
	plans []string
}

// ragFill is the background of a RAG cell, as in the HTML pack's pack.css.
var ragFill = map[string]string{"red": "F4CDC6", "amber": "FCD6C3", "green": "CCE2D8", "blue": "BBD4EA"}

// XLSX renders p as a workbook with one sheet per part. Every sheet is one
// table with a frozen header and an autofilter; counts and KPI figures are
// numbers and dates are dates, so the board's analysts can sort, filter and
// chart them; RAG cells carry their colour; the KPI charts are native Excel
// charts over the figures in the workbook.
func XLSX(p *packs.Pack) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxDoc{f: f, rag: map[string]int{}}
	x.style(&x.head, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1D70B8"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	x.style(&x.date, &excelize.Style{CustomNumFmt: ptr("d mmm yyyy"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	x.style(&x.month, &excelize.Style{CustomNumFmt: ptr("mmm yyyy"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	x.style(&x.dateTm, &excelize.Style{CustomNumFmt: ptr("d mmm yyyy hh:mm"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	x.style(&x.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for _, r := range models.RAGs {
		id := 0
		x.style(&id, &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{ragFill[r]}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
		x.rag[r] = id
	}
	for i, s := range Sheets {
		if i == 0 {
			x.check(f.SetSheetName("Sheet1", s))
		} else {
			_, err := f.NewSheet(s)
			x.check(err)
		}
	}
	x.cover(p)
	x.summary(p)
	x.changes(p)
	x.exceptions(p)
	x.actions(p)
	x.kpis(p)
	x.kpiCharts(p)
	x.kpiExceptions(p)
	x.benchmarks(p)
	x.highlights(p)
	x.slippage(p)
	x.appendix(p)
	x.board(p)
	x.check(f.SetDocProps(&excelize.DocProperties{Title: p.BoardName + " governance pack " + p.Quarter.String(),
		Creator: "sendboard", Created: p.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z")}))
	if x.err != nil {
		return nil, fmt.Errorf("writing the XLSX: %w", x.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

func (x *xlsxDoc) check(err error) {
	if x.err == nil {
		x.err = err
	}
}

func (x *xlsxDoc) style(dst *int, s *excelize.Style) {
	id, err := x.f.NewStyle(s)
	x.check(err)
	*dst = id
}

// table writes t with its header frozen and an autofilter over it. A table
// with no rows gets the one-line note empty instead.
func (x *xlsxDoc) table(t xlsxTable, empty string) {
	t = t.withPlans()
	if len(t.rows) == 0 {
		t.rows, t.ragCol = [][]any{{empty}}, -1
	}
	x.check(x.f.SetSheetRow(t.sheet, "A1", &t.header))
	x.check(x.f.SetCellStyle(t.sheet, "A1", cellName(len(t.header), 1), x.head))
	for i, r := range t.rows {
		x.check(x.f.SetSheetRow(t.sheet, cellName(1, i+2), &r))
	}
	last := len(t.rows) + 1
	for c, w := range t.widths {
		col := colName(c + 1)
		x.check(x.f.SetColWidth(t.sheet, col, col, w))
		style := x.wrap
		if s, ok := t.styles[c]; ok {
			style = s
		}
		x.check(x.f.SetCellStyle(t.sheet, col+"2", cellName(c+1, last), style))
	}
	if t.ragCol >= 0 {
		for i, r := range t.rags {
			if id, ok := x.rag[r]; ok {
				cell := cellName(t.ragCol+1, i+2)
				x.check(x.f.SetCellStyle(t.sheet, cell, cell, id))
			}
		}
	}
	x.check(x.f.AutoFilter(t.sheet, "A1:"+cellName(len(t.header), last), nil))
	x.check(x.f.SetPanes(t.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func (x *xlsxDoc) cover(p *packs.Pack) {
	rows := [][]any{
		{"Board", p.BoardName}, {"Quarter", p.Quarter.String()}, {"Quarter starts", p.Quarter.Start()},
		{"Quarter ends", p.Quarter.End().AddDate(0, 0, -1)}, {"Plan", strings.Join(p.PlanNames(), "; ")},
		{"Actions covered", len(p.Actions)}, {"Generated", p.GeneratedAt.UTC()}, {"Generated by", p.GeneratedBy},
		{"Status and RAG", stateNote}, {"Exceptions", exceptionNote},
	}
	if p.Round != nil {
		rows = append(rows, []any{"For the meeting", p.Round.Words()})
	}
	x.table(xlsxTable{sheet: "Cover", header: []string{"Item", "Value"}, widths: []float64{18, 90}, rows: rows, ragCol: -1}, "")
	x.check(x.f.SetCellStyle("Cover", "B4", "B5", x.date))
	x.check(x.f.SetCellStyle("Cover", "B8", "B8", x.dateTm))
}

func (x *xlsxDoc) summary(p *packs.Pack) {
	var rows [][]any
	var plans []string
	add := func(plan string, counts []packs.CountRow) {
		for _, r := range counts {
			rows = append(rows, []any{r.Group, r.Label, r.Now, r.Prev, r.Change()})
			plans = append(plans, plan)
		}
	}
	if p.MultiPlan() {
		add("Every plan", p.SummaryRows())
		for i := range p.Plans {
			add(p.Plans[i].Plan.Name, p.Plans[i].SummaryRows())
		}
	} else {
		add("", p.SummaryRows())
		plans = nil
	}
	x.table(xlsxTable{sheet: "Summary", header: []string{"Group", "Category", p.Quarter.String(), p.Quarter.Prev().String(), "Change"},
		widths: []float64{14, 60, 12, 12, 10}, rows: rows, ragCol: -1, plans: plans}, "")
}

func (x *xlsxDoc) changes(p *packs.Pack) {
	rows := make([][]any, 0, len(p.Changes))
	rags := make([]string, 0, len(p.Changes))
	for _, c := range p.Changes {
		rows = append(rows, []any{c.Number, changeFrom(c, models.StatusLabel(c.FromStatus)), models.StatusLabel(c.ToStatus),
			changeFrom(c, models.RAGLabel(c.FromRAG)), models.RAGLabel(c.ToRAG)})
		rags = append(rags, c.ToRAG)
	}
	x.table(xlsxTable{sheet: "Changes", header: []string{"Action", "Status then", "Status now", "RAG then", "RAG now"},
		widths: []float64{10, 16, 16, 16, 16}, rows: rows, ragCol: 4, rags: rags,
		plans: planOf(p, func(pp *packs.Plan) []packs.Change { return pp.Changes })},
		"No action changed status or RAG rating during "+p.Quarter.String()+".")
}

func (x *xlsxDoc) exceptions(p *packs.Pack) {
	rows := make([][]any, 0, len(p.Exceptions))
	rags := make([]string, 0, len(p.Exceptions))
	var days []int
	for i, e := range p.Exceptions {
		a := e.Action
		due, day := dueValue(a.Due)
		if day {
			days = append(days, i)
		}
		rows = append(rows, []any{a.Number, strings.Join(e.Reasons, "; "), a.Lead, statusText(*a), models.RAGLabel(a.RAG),
			a.PriorityArea, a.Milestone, due, strings.Join(a.Boards, "; "), a.LatestNarrative})
		rags = append(rags, a.RAG)
	}
	x.table(xlsxTable{sheet: "Exceptions", header: []string{"Action", "Why", "Lead", "Status", "RAG", "Priority area",
		"Milestone", "Due", "Boards", "Latest narrative"},
		widths: []float64{8, 30, 24, 24, 14, 36, 36, 12, 30, 80}, rows: rows, styles: map[int]int{7: x.month}, ragCol: 4, rags: rags,
		plans: planOf(p, func(pp *packs.Plan) []packs.Exception { return pp.Exceptions })},
		"No exceptions: no action was rated red or flagged at the end of the quarter.")
	x.restyle("Exceptions", 7+planShift(p), days, x.date)
}

func (x *xlsxDoc) actions(p *packs.Pack) {
	rows := make([][]any, 0, len(p.Actions))
	rags := make([]string, 0, len(p.Actions))
	var days []int
	for i, a := range p.Actions {
		var last any
		if a.LatestDate != nil {
			last = *a.LatestDate
		}
		due, day := dueValue(a.Due)
		if day {
			days = append(days, i)
		}
		rows = append(rows, []any{a.Number, a.Text, a.PriorityArea, a.Milestone, due, strings.Join(a.Boards, "; "),
			a.Lead, models.StatusLabel(a.Status), dueMonth(a.InitiateBy), models.RAGLabel(a.RAG), a.QuarterUpdates,
			a.QuarterProgress, last, a.LatestNarrative, a.ImpactMeasure, flagWords(a.Flags)})
		rags = append(rags, a.RAG)
	}
	x.table(xlsxTable{sheet: "Actions", header: []string{"Number", "Action", "Priority area", "Milestone", "Due",
		"Boards", "Lead", "Status", "Initiate by", "RAG", "Updates this quarter", "Progress this quarter", "Latest update",
		"Latest narrative", "Impact measure", "Open flags"},
		widths: []float64{8, 50, 36, 36, 12, 30, 22, 12, 12, 14, 10, 50, 12, 50, 40, 20}, rows: rows,
		styles: map[int]int{4: x.month, 8: x.month, 12: x.date}, ragCol: 9, rags: rags,
		plans: planOf(p, func(pp *packs.Plan) []packs.Action { return pp.Actions })},
		"This board governed no actions at the end of "+p.Quarter.String()+".")
	x.restyle("Actions", 4+planShift(p), days, x.date)
}

// dueMonth turns "2019-07" into the first of that month, shown as "Jul 2019"
// by the column's style; a blank or malformed month stays blank.
func dueMonth(m string) any {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return nil
	}
	return t
}

// dueValue is a due date as a date: a whole month ("2019-07") in the month
// column style, or a day ("2019-07-15") that dayStyle marks for the date style.
func dueValue(due string) (v any, day bool) {
	if t, err := time.Parse("2006-01-02", due); err == nil {
		return t, true
	}
	return dueMonth(due), false
}

// restyle gives the cells of column col (0-based) on the listed table rows
// (0-based, below the header) another style.
func (x *xlsxDoc) restyle(sheet string, col int, rows []int, style int) {
	for _, r := range rows {
		cell := cellName(col+1, r+2)
		x.check(x.f.SetCellStyle(sheet, cell, cell, style))
	}
}

func (x *xlsxDoc) appendix(p *packs.Pack) {
	rows := make([][]any, 0, len(p.Updates))
	rags := make([]string, 0, len(p.Updates))
	for _, u := range planUpdates(p) {
		rows = append(rows, []any{u.UpdateDate, u.Number, u.Author, u.RecordedAt, models.StatusLabel(u.Status),
			models.RAGLabel(u.RAG), u.Narrative})
		rags = append(rags, u.RAG)
	}
	x.table(xlsxTable{sheet: "Appendix", header: []string{"Date", "Action", "By", "Recorded", "Status", "RAG", "Narrative"},
		widths: []float64{12, 8, 26, 16, 12, 14, 80}, rows: rows, styles: map[int]int{0: x.date, 3: x.dateTm}, ragCol: 5, rags: rags,
		plans: planOf(p, func(pp *packs.Plan) []packs.Update { return pp.Updates })},
		"No progress updates were made in "+p.Quarter.String()+".")
}

// changeFrom is a change's "then" cell: what the action was, or for one new
// in the quarter, that it was added to the plan.
func changeFrom(c packs.Change, then string) string {
	if c.Added {
		return "Added to the plan"
	}
	return then
}
