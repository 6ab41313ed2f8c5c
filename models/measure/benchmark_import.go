package measure

import (
	"context"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// BenchmarkResult says what importing one file changed.
type BenchmarkResult struct {
	File                        string
	Kind                        string
	Rows                        int
	Added, Revised, Unchanged   int
	Measures, Areas, Neighbours int // rows added or changed
}

// Summary words the result for people.
func (r BenchmarkResult) Summary() string {
	s := fmt.Sprintf("%s (%s): %d %s", r.File, r.Kind, r.Rows, models.Plural(r.Rows, "row", "rows"))
	if r.Kind == FileMeasures || r.Kind == FileEES {
		s += fmt.Sprintf("; %d figures added, %d revised, %d unchanged", r.Added, r.Revised, r.Unchanged)
	}
	return s + fmt.Sprintf("; %d measures, %d areas and %d neighbour lists added or changed", r.Measures, r.Areas, r.Neighbours)
}

// ImportBenchmark reads one DfE file, recognised by its header, and applies it
// in one transaction: all or nothing. Importing the same file again changes
// nothing; a figure that differs from the current one becomes a new revision
// and the old one is kept.
func ImportBenchmark(ctx context.Context, db *gorm.DB, name string, body []byte, now time.Time) (BenchmarkResult, error) {
	res := BenchmarkResult{File: name}
	if len(body) > MaxBenchmarkFileBytes {
		return res, models.Invalid("file", "%s is larger than %d MiB; nothing imported", name, MaxBenchmarkFileBytes>>20)
	}
	f, err := parseBenchmark(name, body)
	if err != nil {
		return res, err
	}
	res.Kind = f.Kind
	res.Rows = len(f.Values)
	switch f.Kind {
	case FileDictionary:
		res.Rows = len(f.Measures)
	case FileNeighbours:
		res.Rows = len(f.Neighbours)
	case FileLACodes:
		res.Rows = len(f.Areas)
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		measures, err := upsertMeasures(tx, f.Measures, f.Kind == FileDictionary, &res)
		if err != nil {
			return err
		}
		if err := upsertAreas(tx, f.Areas, f.Kind == FileLACodes, &res); err != nil {
			return err
		}
		if err := replaceNeighbours(tx, f.Neighbours, &res); err != nil {
			return err
		}
		return applyValues(tx, f.Values, measures, "import: "+name, now, &res)
	})
	return res, err
}

// upsertMeasures creates the measures a file names; the dictionary also
// updates what it says of each. It returns every measure the file uses by code.
func upsertMeasures(tx *gorm.DB, in []Benchmark, dictionary bool, res *BenchmarkResult) (map[string]*Benchmark, error) {
	codes := make([]string, len(in))
	for i, m := range in {
		codes[i] = m.Code
	}
	var have []Benchmark
	if err := tx.Where("code IN ?", codes).Find(&have).Error; err != nil {
		return nil, err
	}
	out := map[string]*Benchmark{}
	for i := range have {
		out[have[i].Code] = &have[i]
	}
	for _, m := range in {
		cur, ok := out[m.Code]
		switch {
		case !ok:
			if m.Name == "" {
				m.Name = m.Code
			}
			if !dictionary {
				m.Polarity, m.Unit, m.DPS = "none", unitFromAxis("", m.Code+" "+m.Name), max(m.DPS, 1)
			}
			if err := tx.Create(&m).Error; err != nil {
				return nil, err
			}
			out[m.Code] = &m
			res.Measures++
		case dictionary:
			m.ID = cur.ID
			if m != *cur {
				if err := tx.Save(&m).Error; err != nil {
					return nil, err
				}
				*cur = m
				res.Measures++
			}
		case cur.Name == cur.Code && m.Name != "":
			if err := tx.Model(cur).Update("name", m.Name).Error; err != nil {
				return nil, err
			}
			res.Measures++
		}
	}
	return out, nil
}

// upsertAreas adds the areas a file names, keyed by code. Names and regions
// have one source, the LA codes file (names): the other files spell them
// their own way ("London (Inner)" for "Inner London", "Yorkshire and the
// Humber"), so they only add areas not yet known and fill in what is missing,
// and importing every file again changes nothing.
func upsertAreas(tx *gorm.DB, in []Area, names bool, res *BenchmarkResult) error {
	if len(in) == 0 {
		return nil
	}
	var have []Area
	if err := tx.Find(&have).Error; err != nil {
		return err
	}
	byCode := map[int]Area{}
	for _, a := range have {
		byCode[a.Code] = a
	}
	var add []Area
	for _, a := range in {
		cur, ok := byCode[a.Code]
		if !ok {
			add = append(add, a)
			byCode[a.Code] = a
			continue
		}
		// Keep what another file knew that this one does not (a type, a region).
		if a.LAType == "" {
			a.LAType = cur.LAType
		}
		if a.RegionCode == nil {
			a.RegionCode, a.RegionName = cur.RegionCode, cur.RegionName
		}
		if !names {
			a.Name = cur.Name
			if cur.RegionCode != nil {
				a.RegionCode, a.RegionName = cur.RegionCode, cur.RegionName
			}
			if cur.LAType != "" {
				a.LAType = cur.LAType
			}
		}
		if a.Name == cur.Name && a.LAType == cur.LAType && a.RegionName == cur.RegionName && eqIntPtr(a.RegionCode, cur.RegionCode) {
			continue
		}
		if err := tx.Save(&a).Error; err != nil {
			return err
		}
		byCode[a.Code] = a
		res.Areas++
	}
	if len(add) > 0 {
		if err := tx.CreateInBatches(add, 500).Error; err != nil {
			return err
		}
		res.Areas += len(add)
	}
	return nil
}

func eqIntPtr(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

// replaceNeighbours replaces each listed authority's neighbours when they differ.
func replaceNeighbours(tx *gorm.DB, in map[int][]Neighbour, res *BenchmarkResult) error {
	if len(in) == 0 {
		return nil
	}
	var have []Neighbour
	if err := tx.Order("la_code, position").Find(&have).Error; err != nil {
		return err
	}
	cur := map[int][]Neighbour{}
	for _, n := range have {
		cur[n.LACode] = append(cur[n.LACode], n)
	}
	las := make([]int, 0, len(in))
	for la := range in {
		las = append(las, la)
	}
	sort.Ints(las)
	var add []Neighbour
	var drop []int
	for _, la := range las {
		if sameNeighbours(cur[la], in[la]) {
			continue
		}
		drop = append(drop, la)
		add = append(add, in[la]...)
		res.Neighbours++
	}
	if len(drop) > 0 {
		if err := tx.Where("la_code IN ?", drop).Delete(&Neighbour{}).Error; err != nil {
			return err
		}
	}
	if len(add) > 0 {
		return tx.CreateInBatches(add, 500).Error
	}
	return nil
}

func sameNeighbours(a, b []Neighbour) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
