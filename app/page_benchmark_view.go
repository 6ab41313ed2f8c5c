package app

import (
	"fmt"
	"strings"

	"sendboard/models/measure"
)

// bmCell is one figure of the table: its text, or why there is none.
type bmCell struct {
	Text, Note string
	Missing    bool
}

func cellOf(f measure.BenchmarkFigure, m measure.Benchmark) bmCell {
	if f.Value == nil {
		if f.Missing == "" || f.Missing == "-" {
			return bmCell{Text: "No figure", Missing: true}
		}
		return bmCell{Text: "No figure", Note: fmt.Sprintf("%s (%s)", f.Reason(), f.Missing), Missing: true}
	}
	return bmCell{Text: formatBM(f.Value, m)}
}

// bmRowView is one period of the table.
type bmRowView struct {
	Label                                  string
	LA, England, Region, Median, Quartiles bmCell
	FromPredecessor                        bool
	Rank, National                         string
	Neighbours                             []bmCell
}

func benchmarkRows(c *measure.Comparison) []bmRowView {
	m := c.Measure
	out := make([]bmRowView, 0, len(c.Rows))
	for i := len(c.Rows) - 1; i >= 0; i-- { // newest first
		r := c.Rows[i]
		v := bmRowView{Label: r.Label, LA: cellOf(r.LA, m), England: cellOf(r.England, m), Region: cellOf(r.Region, m),
			Median: cellOf(measure.BenchmarkFigure{Value: r.Median}, m), FromPredecessor: r.FromPredecessor}
		if r.Q1 != nil {
			v.Quartiles = bmCell{Text: formatBM(r.Q1, m) + " to " + formatBM(r.Q3, m)}
		} else {
			v.Quartiles = bmCell{Text: "No figures", Missing: true}
		}
		if r.Rank != nil {
			v.Rank = fmt.Sprintf("%s of %d", ordinal(*r.Rank), r.RankOf)
		}
		v.National = quartileText(r)
		for _, n := range r.Neighbours {
			v.Neighbours = append(v.Neighbours, cellOf(n, m))
		}
		out = append(out, v)
	}
	return out
}

func quartileText(r measure.ComparisonRow) string {
	if r.NationalQuartile == nil {
		return ""
	}
	return fmt.Sprintf("%s quarter", []string{"", "Best", "Second", "Third", "Bottom"}[*r.NationalQuartile])
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// benchmarkFindings words the latest figure: against England, the region and
// the neighbours (by polarity), the rank and the national quarter.
func benchmarkFindings(c *measure.Comparison) []string {
	r := c.Latest()
	if r == nil {
		return nil
	}
	m := c.Measure
	var out []string
	against := func(name string, v *float64) {
		if w := measure.Compare(r.LA.Value, v, m.Polarity, m.DPS); w != "" {
			out = append(out, fmt.Sprintf("%s: %s's %s is %s %s (%s).", r.Label, c.LA.Name, formatBM(r.LA.Value, m), w, name, formatBM(v, m)))
		}
	}
	against("England", r.England.Value)
	if c.Region != nil {
		against(c.Region.Name, r.Region.Value)
	}
	against("the median of its statistical neighbours", roundOpt(r.Median, m.DPS))
	if r.Rank != nil {
		how := "1st is best"
		if m.Polarity == "none" {
			how = "ranked by value, highest first, as DfE gives no better direction for this measure"
		}
		out = append(out, fmt.Sprintf("Ranked %s of %d among %s and its statistical neighbours with a figure (%s).", ordinal(*r.Rank), r.RankOf, c.LA.Name, how))
	}
	if r.NationalQuartile != nil {
		q := strings.ToLower(quartileText(*r))
		if m.Polarity == "none" {
			q = []string{"", "highest", "second highest", "second lowest", "lowest"}[*r.NationalQuartile] + " quarter"
		}
		out = append(out, fmt.Sprintf("Nationally, in the %s of the %d authorities with a figure.", q, r.NationalCount))
	} else {
		out = append(out, fmt.Sprintf("National quarter not shown: figures for only %d authorities are loaded for %s; import DfE's full measures file to compare with every authority.", r.NationalCount, r.Label))
	}
	return out
}

func roundOpt(v *float64, dps int) *float64 {
	if v == nil {
		return nil
	}
	r := measure.RoundDP(*v, dps)
	return &r
}

// benchmarkChartSummary is the chart's description: the latest findings in one line.
func benchmarkChartSummary(c *measure.Comparison) string {
	f := benchmarkFindings(c)
	if len(f) == 0 {
		return "No figures for " + c.LA.Name
	}
	return strings.Join(f, " ")
}

// joinNote says which periods are the predecessor's figures.
func joinNote(c *measure.Comparison) string {
	p := c.JoinedPeriods()
	if c.Predecessor == nil || len(p) == 0 {
		return ""
	}
	return fmt.Sprintf("%s's figures for %s are those of %s (LA %d), before the 2019 local government reorganisation; later figures are %s's (LA %d). The two series are joined here and marked in the table.",
		c.LA.Name, strings.Join(p, ", "), c.Predecessor.Name, c.Predecessor.Code, c.LA.Name, c.LA.Code)
}
