package measure

import (
	"context"
	"math"
	"sort"
	"strconv"

	"gorm.io/gorm"
)

// minNational is how many authorities need a figure before a national
// quartile means anything: DfE publishes about 150.
const minNational = 100

// BenchmarkFigure is one area's figure for a period: a value, or why there is none.
type BenchmarkFigure struct {
	Value   *float64
	Missing string // "-" or an explore-education-statistics code; "" with a value or no row
}

// Reason words why there is no figure.
func (f BenchmarkFigure) Reason() string {
	if r, ok := MissingReasons[f.Missing]; ok {
		return r
	}
	return "no figure"
}

// ComparisonRow is one period of the comparison.
type ComparisonRow struct {
	Period, Label    string
	LA               BenchmarkFigure
	FromPredecessor  bool // the area's figure is its predecessor's (Dorset (Pre LG))
	England, Region  BenchmarkFigure
	Neighbours       []BenchmarkFigure // in the order of Comparison.Neighbours
	Median, Q1, Q3   *float64          // of the neighbours with a figure
	NeighbourCount   int               // neighbours with a figure
	Rank             *int              // the area's place among itself and its neighbours, 1 = best
	RankOf           int               // how many were ranked
	NationalQuartile *int              // 1 = the best quarter of authorities
	NationalCount    int               // authorities with a figure
}

// Comparison is a measure for one area beside England, its region
// and its statistical neighbours.
type Comparison struct {
	Measure     Benchmark
	LA          Area
	Predecessor *Area
	England     *Area
	Region      *Area
	Neighbours  []Area
	Rows        []ComparisonRow
}

// CompareBenchmark builds the comparison of measure for the area la, in four
// statements whatever the number of authorities.
func CompareBenchmark(ctx context.Context, db *gorm.DB, measure string, la int) (*Comparison, error) {
	d, err := loadBenchmark(ctx, db, measure, la)
	if err != nil {
		return nil, err
	}
	m := d.measure
	c := &Comparison{Measure: *m, LA: d.areas[la]}
	area := func(code int) Area {
		if a, ok := d.areas[code]; ok {
			return a
		}
		return Area{Code: code, Name: "LA " + itoa(code), Kind: kindOf(code)}
	}
	show := map[int]bool{la: true}
	pred, hasPred := Predecessors[la]
	if hasPred {
		p := area(pred)
		c.Predecessor = &p
		show[pred] = true
	}
	if e, ok := d.areas[EnglandCode]; ok {
		c.England = &e
	}
	if rc := c.LA.RegionCode; rc != nil && c.LA.Kind == "la" {
		r := area(*rc)
		c.Region = &r
	}
	for _, n := range d.neighbours {
		c.Neighbours = append(c.Neighbours, area(n.NeighbourCode))
	}
	byArea := map[int]map[string]BenchmarkValue{}
	for _, v := range d.values {
		if v.Value != nil {
			r := RoundDP(*v.Value, m.DPS)
			v.Value = &r
		}
		if byArea[v.AreaCode] == nil {
			byArea[v.AreaCode] = map[string]BenchmarkValue{}
		}
		byArea[v.AreaCode][v.Period] = v
	}
	fig := func(code int, period string) BenchmarkFigure {
		v, ok := byArea[code][period]
		if !ok {
			return BenchmarkFigure{}
		}
		return BenchmarkFigure{Value: v.Value, Missing: v.Missing}
	}
	for _, p := range d.periodsOf(show) {
		row := ComparisonRow{Period: p.Period, Label: p.PeriodLabel, LA: fig(la, p.Period)}
		if v, ok := byArea[la][p.Period]; ok {
			row.Label = v.PeriodLabel
		}
		if row.LA.Value == nil && hasPred {
			if pf := fig(pred, p.Period); pf.Value != nil {
				row.LA, row.FromPredecessor = pf, true
			}
		}
		if c.England != nil {
			row.England = fig(EnglandCode, p.Period)
		}
		if c.Region != nil {
			row.Region = fig(c.Region.Code, p.Period)
		}
		var nv []float64
		for _, n := range c.Neighbours {
			f := fig(n.Code, p.Period)
			row.Neighbours = append(row.Neighbours, f)
			if f.Value != nil {
				nv = append(nv, *f.Value)
			}
		}
		row.NeighbourCount = len(nv)
		if len(nv) > 0 {
			sort.Float64s(nv)
			q1, med, q3 := quantile(nv, 0.25), quantile(nv, 0.5), quantile(nv, 0.75)
			row.Q1, row.Median, row.Q3 = &q1, &med, &q3
		}
		if row.LA.Value != nil {
			row.Rank, row.RankOf = rankAmong(*row.LA.Value, nv, m.Polarity)
			row.NationalQuartile, row.NationalCount = nationalQuartile(*row.LA.Value, p.Period, byArea, d.areas, m.Polarity)
		}
		c.Rows = append(c.Rows, row)
	}
	return c, nil
}

// quantile interpolates linearly between the sorted values (the method of
// Excel's QUARTILE.INC and R's default).
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return sorted[lo] + (sorted[hi]-sorted[lo])*(pos-float64(lo))
}

// better says whether a beats b for the polarity; with none, higher ranks first.
func better(a, b float64, polarity string) bool {
	if polarity == "low" {
		return a < b
	}
	return a > b
}

// rankAmong places v among itself and others: 1 plus how many are better.
func rankAmong(v float64, others []float64, polarity string) (*int, int) {
	r := 1
	for _, o := range others {
		if better(o, v, polarity) {
			r++
		}
	}
	return &r, len(others) + 1
}

// nationalQuartile is the quarter of all authorities v falls in, 1 = best.
func nationalQuartile(v float64, period string, byArea map[int]map[string]BenchmarkValue, areas map[int]Area, polarity string) (*int, int) {
	n, ahead := 0, 0
	for code, vals := range byArea {
		if kindOf(code) != "la" {
			continue
		}
		x, ok := vals[period]
		if !ok || x.Value == nil {
			continue
		}
		n++
		if better(*x.Value, v, polarity) {
			ahead++
		}
	}
	if n < minNational {
		return nil, n
	}
	q := min(ahead*4/n+1, 4)
	return &q, n
}

// Latest is the newest row with a figure for the area, or nil.
func (c *Comparison) Latest() *ComparisonRow {
	for i := len(c.Rows) - 1; i >= 0; i-- {
		if c.Rows[i].LA.Value != nil {
			return &c.Rows[i]
		}
	}
	return nil
}

// JoinedPeriods lists the periods whose figure is the predecessor's.
func (c *Comparison) JoinedPeriods() []string {
	var out []string
	for _, r := range c.Rows {
		if r.FromPredecessor {
			out = append(out, r.Label)
		}
	}
	return out
}

// Compare words the area's figure beside another, by the measure's polarity:
// "better than", "worse than", "the same as", or "higher than"/"lower than"
// when neither direction is better. Empty when either is missing.
func Compare(la, other *float64, polarity string, dps int) string {
	if la == nil || other == nil {
		return ""
	}
	a, b := RoundDP(*la, dps), RoundDP(*other, dps)
	switch {
	case a == b:
		return "the same as"
	case polarity == "none" && a > b:
		return "higher than"
	case polarity == "none":
		return "lower than"
	case better(a, b, polarity):
		return "better than"
	}
	return "worse than"
}

func itoa(n int) string { return strconv.Itoa(n) }
