package pack

import (
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sendboard/models/measure"
)

// Benchmark is a DfE measure linked to actions in the pack: the area's
// latest figure beside England, its region and its statistical neighbours.
// Figures are at the measure's decimal places; a nil figure is "no figure",
// never 0.
type Benchmark struct {
	Code, Name, Unit, Polarity string
	DPS                        int
	Actions                    []string // the linked actions in the pack, by number
	Period                     string   // label of the latest period with a figure for the area, "" if none
	FromPredecessor            bool     // the figure is the area's predecessor's
	LA, England, Region        *float64
	RegionName                 string
	Median                     *float64 // of the neighbours with a figure for Period
	Neighbours                 int      // how many of them had one
	Rank                       *int     // the area among itself and those neighbours, 1 = best
	RankOf                     int
}

// NoFigure is how the pack shows a missing figure.
const NoFigure = "no figure"

// Figure writes v at the measure's decimal places, or "no figure".
func (b Benchmark) Figure(v *float64) string {
	if v == nil {
		return NoFigure
	}
	s := measure.FormatDP(*v, b.DPS)
	if b.Unit == "percent" {
		s += "%"
	}
	return s
}

// Versus words the area's figure beside another by the measure's polarity,
// "better than England", or "" when either figure is missing.
func (b Benchmark) Versus(other *float64, name string) string {
	w := measure.Compare(b.LA, other, b.Polarity, b.DPS)
	if w == "" {
		return ""
	}
	return w + " " + name
}

// Comparison is the one-line reading of the figures: "better than England;
// worse than South West; better than the neighbours' median".
func (b Benchmark) Comparison() string {
	var out []string
	for _, s := range []string{b.Versus(b.England, "England"), b.Versus(b.Region, b.RegionOr()), b.Versus(b.Median, "the neighbours' median")} {
		if s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return "No comparison: " + NoFigure + "."
	}
	s := strings.Join(out, "; ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// RegionOr names the region, or says "the region".
func (b Benchmark) RegionOr() string {
	if b.RegionName == "" {
		return "the region"
	}
	return b.RegionName
}

// RankText is "3rd of 11", or "" without a rank.
func (b Benchmark) RankText() string {
	if b.Rank == nil {
		return ""
	}
	return ordinal(*b.Rank) + " of " + strconv.Itoa(b.RankOf)
}

func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// loadPackBenchmarks compares the DfE measures linked to the pack's actions
// for area la, in at most four statements whatever the number of measures:
// the links, then the area, its neighbours and the figures (Standings).
func loadPackBenchmarks(db *gorm.DB, p *Pack, scope actionScope, la int) error {
	type link struct {
		ActionID uint
		measure.Benchmark
	}
	where, args := scope.in("ab.action_id")
	var links []link
	err := db.Table("action_benchmarks ab").Select("ab.action_id, m.*").Joins("JOIN bm_measures m ON m.id = ab.measure_id").
		Where(where, args...).Order("m.code, ab.action_id").Limit(MaxActions).Scan(&links).Error
	if err != nil || len(links) == 0 {
		return err
	}
	number := make(map[uint]string, len(p.Actions))
	for _, a := range p.Actions {
		number[a.ID] = a.Number
	}
	byCode := map[string]int{}
	var ms []measure.Benchmark
	for _, l := range links {
		i, ok := byCode[l.Code]
		if !ok {
			i = len(p.Benchmarks)
			byCode[l.Code] = i
			ms = append(ms, l.Benchmark)
			p.Benchmarks = append(p.Benchmarks, Benchmark{Code: l.Code, Name: l.Name, Unit: l.Unit, Polarity: l.Polarity, DPS: l.DPS})
		}
		if n, ok := number[l.ActionID]; ok && !slices.Contains(p.Benchmarks[i].Actions, n) {
			p.Benchmarks[i].Actions = append(p.Benchmarks[i].Actions, n)
		}
	}
	region, standings, err := measure.Standings(db, la, ms)
	if err != nil {
		return err
	}
	for i := range p.Benchmarks {
		b := &p.Benchmarks[i]
		b.RegionName = region
		s, ok := standings[ms[i].ID]
		if !ok {
			continue
		}
		b.Period, b.FromPredecessor = s.Period, s.FromPredecessor
		b.LA, b.England, b.Region = s.LA, s.England, s.Region
		b.Median, b.Neighbours, b.Rank, b.RankOf = s.Median, s.Neighbours, s.Rank, s.RankOf
	}
	return nil
}
