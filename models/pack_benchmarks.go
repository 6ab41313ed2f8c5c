package models

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// PackBenchmark is a DfE measure linked to actions in the pack: the area's
// latest figure beside England, its region and its statistical neighbours.
// Figures are at the measure's decimal places; a nil figure is "no figure",
// never 0.
type PackBenchmark struct {
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
func (b PackBenchmark) Figure(v *float64) string {
	if v == nil {
		return NoFigure
	}
	s := FormatDP(*v, b.DPS)
	if b.Unit == "percent" {
		s += "%"
	}
	return s
}

// Versus words the area's figure beside another by the measure's polarity,
// "better than England", or "" when either figure is missing.
func (b PackBenchmark) Versus(other *float64, name string) string {
	w := Compare(b.LA, other, b.Polarity, b.DPS)
	if w == "" {
		return ""
	}
	return w + " " + name
}

// Comparison is the one-line reading of the figures: "better than England;
// worse than South West; better than the neighbours' median".
func (b PackBenchmark) Comparison() string {
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
func (b PackBenchmark) RegionOr() string {
	if b.RegionName == "" {
		return "the region"
	}
	return b.RegionName
}

// RankText is "3rd of 11", or "" without a rank.
func (b PackBenchmark) RankText() string {
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
// the links, the area, its neighbours and the figures.
func loadPackBenchmarks(db *gorm.DB, p *Pack, scope packScope, la int) error {
	type link struct {
		ActionID uint
		BMMeasure
	}
	where, args := scope.in("ab.action_id")
	var links []link
	err := db.Table("action_benchmarks ab").Select("ab.action_id, m.*").Joins("JOIN bm_measures m ON m.id = ab.measure_id").
		Where(where, args...).Order("m.code, ab.action_id").Limit(MaxPackActions).Scan(&links).Error
	if err != nil || len(links) == 0 {
		return err
	}
	number := make(map[uint]string, len(p.Actions))
	for _, a := range p.Actions {
		number[a.ID] = a.Number
	}
	byCode := map[string]int{}
	var ids []uint
	for _, l := range links {
		i, ok := byCode[l.Code]
		if !ok {
			i = len(p.Benchmarks)
			byCode[l.Code] = i
			ids = append(ids, l.ID)
			p.Benchmarks = append(p.Benchmarks, PackBenchmark{Code: l.Code, Name: l.Name, Unit: l.Unit, Polarity: l.Polarity, DPS: l.DPS})
		}
		if n, ok := number[l.ActionID]; ok && !slices.Contains(p.Benchmarks[i].Actions, n) {
			p.Benchmarks[i].Actions = append(p.Benchmarks[i].Actions, n)
		}
	}
	var area BMArea
	if err := db.Where("code = ?", la).Limit(1).Find(&area).Error; err != nil {
		return err
	}
	if area.Code == 0 {
		return nil // no benchmarks imported for the area: every figure reads "no figure"
	}
	var ns []BMNeighbour
	if err := db.Where("la_code = ?", la).Order("position").Limit(50).Find(&ns).Error; err != nil {
		return err
	}
	codes := []int{la, EnglandCode}
	pred, hasPred := Predecessors[la]
	if hasPred {
		codes = append(codes, pred)
	}
	if area.RegionCode != nil && area.Kind == "la" {
		codes = append(codes, *area.RegionCode)
	}
	for _, n := range ns {
		codes = append(codes, n.NeighbourCode)
	}
	var vals []BMValue
	err = db.Select("measure_id, area_code, period, period_label, period_sort, value").
		Where("current = ? AND measure_id IN ? AND area_code IN ?", true, ids, codes).
		Order("period_sort").Limit(maxBMValues).Find(&vals).Error
	if err != nil {
		return fmt.Errorf("reading benchmark figures: %w", err)
	}
	fig, latest := indexFigures(vals, la, pred)
	for i, id := range ids {
		b := &p.Benchmarks[i]
		b.RegionName = area.RegionName
		v, ok := latest[id]
		if !ok {
			continue
		}
		b.Period, b.FromPredecessor = v.PeriodLabel, v.AreaCode != la
		b.LA = roundOpt(v.Value, b.DPS)
		b.England = roundOpt(fig[bmKey{id, EnglandCode, v.Period}], b.DPS)
		if area.RegionCode != nil {
			b.Region = roundOpt(fig[bmKey{id, *area.RegionCode, v.Period}], b.DPS)
		}
		var nv []float64
		for _, n := range ns {
			if x := fig[bmKey{id, n.NeighbourCode, v.Period}]; x != nil {
				nv = append(nv, RoundDP(*x, b.DPS))
			}
		}
		b.Neighbours = len(nv)
		if len(nv) > 0 {
			sort.Float64s(nv)
			med := RoundDP(quantile(nv, 0.5), b.DPS)
			b.Median = &med
			b.Rank, b.RankOf = rankAmong(*b.LA, nv, b.Polarity)
		}
	}
	return nil
}
