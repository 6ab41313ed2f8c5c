package measure

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Area codes DfE uses beside the 3-digit local authority numbers.
const (
	EnglandCode = 970
	// DefaultLACode is Dorset, the area the seeded plan belongs to.
	DefaultLACode = 838
)

// Predecessors maps an authority to the one its series continues: Dorset's
// 2019 reorganisation left its earlier figures under 835 "Dorset (Pre LG)".
var Predecessors = map[int]int{838: 835}

// regionCodes are DfE's region numbers by lower-cased name, with the spellings
// the LAIT files use for an authority's region.
var regionCodes = map[string]int{
	"north east": 980, "north west": 981, "yorkshire and the humber": 982, "east midlands": 983,
	"west midlands": 984, "east of england": 985, "london": 986, "london (inner)": 987, "inner london": 987,
	"london (outer)": 988, "outer london": 988, "south east": 989, "south west": 990,
}

// RegionCode is DfE's number for a region's name, or 0.
func RegionCode(name string) int { return regionCodes[strings.ToLower(strings.TrimSpace(name))] }

// Benchmark is one DfE published measure with what its dictionary says of it.
type Benchmark struct {
	ID          uint   `gorm:"primaryKey" json:"-"`
	Code        string `json:"measure"`
	Name        string `json:"name"`
	ChartTitle  string `json:"chart_title"`
	Topic       string `json:"topic"`
	Polarity    string `json:"polarity"` // high, low or none
	Unit        string `json:"unit"`     // percent, number, score or money
	YAxis       string `gorm:"column:y_axis" json:"y_axis"`
	DPS         int    `gorm:"column:dps" json:"dps"`
	YearType    string `json:"year_type"`
	Description string `json:"description"`
	Source      string `json:"source"`
	Links       string `json:"-"`
	LastUpdate  string `json:"last_update"`
	NextUpdate  string `json:"next_update"`
	Described   bool   `json:"-"` // the dictionary has been imported for it
}

// TableName keeps the table name readable.
func (Benchmark) TableName() string { return "bm_measures" }

// Area is England, a region or a local authority, by DfE number.
type Area struct {
	Code       int `gorm:"primaryKey;autoIncrement:false"`
	Name       string
	Kind       string // england, region or la
	RegionCode *int
	RegionName string
	LAType     string `gorm:"column:la_type"`
}

// TableName keeps the table name readable.
func (Area) TableName() string { return "bm_areas" }

// Neighbour is one of an authority's ten statistical neighbours.
type Neighbour struct {
	LACode        int `gorm:"column:la_code;primaryKey;autoIncrement:false"`
	Position      int `gorm:"primaryKey;autoIncrement:false"`
	NeighbourCode int
	Closeness     string
}

// TableName keeps the table name readable.
func (Neighbour) TableName() string { return "bm_neighbours" }

// BenchmarkValue is one revision of a published figure. Value is nil when DfE gives
// none; Missing then says why ("-", or an explore-education-statistics code).
type BenchmarkValue struct {
	ID          uint `gorm:"primaryKey"`
	MeasureID   uint
	AreaCode    int
	Period      string
	PeriodLabel string
	PeriodSort  int
	Revision    int
	Current     bool
	Value       *float64
	Missing     string
	Source      string
	CreatedAt   time.Time
}

// TableName keeps the table name readable.
func (BenchmarkValue) TableName() string { return "bm_values" }

// MissingReasons words the codes that stand for no figure.
var MissingReasons = map[string]string{
	"-": "no figure published",
	"c": "confidential",
	"x": "not available",
	"z": "not applicable",
	"k": "fewer than 0.5 (rounds to 0)",
	"u": "low reliability",
	":": "not available",
}

// RoundDP rounds v to dps decimal places, clearing the binary noise DfE's
// files carry (79.900000000000006 is 79.9).
func RoundDP(v float64, dps int) float64 {
	if dps < 0 {
		dps = 0
	}
	s := strconv.FormatFloat(v, 'f', dps, 64)
	r, _ := strconv.ParseFloat(s, 64)
	if r == 0 {
		return 0 // no negative zero
	}
	return r
}

// FormatDP formats v at dps decimal places.
func FormatDP(v float64, dps int) string {
	return strconv.FormatFloat(RoundDP(v, dps), 'f', max(dps, 0), 64)
}

// noiseDP is how many places a value keeps when its measure's decimal places
// are not yet known: enough for any published figure, none of the noise.
const noiseDP = 6

var (
	yearRE     = regexp.MustCompile(`^(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?(?:\s*\(([^)]*)\))?$`)
	periodSpan = regexp.MustCompile(`^\d{4}-\d{2}$`)
)

// ParseBenchmarkPeriod reads a published year label ("2023", "2022/23", "2016-17 (OT)",
// "2025 (prov)") into the period it is for ("2023", "2022-23", "2016-17",
// "2025") and a sort key. A provisional and a final figure share the period,
// so the final one revises the provisional one.
func ParseBenchmarkPeriod(label string) (period string, sort int, err error) {
	m := yearRE.FindStringSubmatch(strings.TrimSpace(label))
	if m == nil {
		return "", 0, fmt.Errorf("%q is not a year such as 2023, 2022/23 or 2016-17 (OT)", label)
	}
	start, _ := strconv.Atoi(m[1])
	if start < 1900 || start > 2200 {
		return "", 0, fmt.Errorf("%q: year %d is out of range", label, start)
	}
	if m[2] == "" {
		return m[1], start * 100, nil
	}
	end, _ := strconv.Atoi(m[2])
	if end%100 != (start+1)%100 || (len(m[2]) == 4 && end != start+1) {
		return "", 0, fmt.Errorf("%q: the second year must follow the first", label)
	}
	return fmt.Sprintf("%d-%02d", start, (start+1)%100), start*100 + 50, nil
}

// eesPeriod turns explore-education-statistics' time_period and
// time_identifier into a period ("202324", "Academic year" is "2023-24").
func eesPeriod(tp, ti string) (label, period string, sort int, err error) {
	id := strings.ToLower(strings.TrimSpace(ti))
	tp = strings.TrimSpace(tp)
	switch {
	case strings.HasSuffix(id, " year") && len(tp) == 6 && id != "calendar year" && id != "reporting year":
		label = tp[:4] + "-" + tp[4:]
	case (id == "calendar year" || id == "reporting year") && len(tp) == 4:
		label = tp
	case monthIndex(id) > 0 && len(tp) == 4:
		y, e := strconv.Atoi(tp)
		if e != nil {
			return "", "", 0, fmt.Errorf("time_period %q is not a year", tp)
		}
		p := fmt.Sprintf("%s-%02d", tp, monthIndex(id))
		return strings.ToUpper(id[:1]) + id[1:] + " " + tp, p, y*100 + monthIndex(id), nil
	default:
		return "", "", 0, fmt.Errorf("time_period %q with time_identifier %q: expected YYYY for a calendar or reporting year or a month, YYYYYY for an academic, financial or tax year", tp, ti)
	}
	period, sort, err = ParseBenchmarkPeriod(label)
	if err == nil && periodSpan.MatchString(period) {
		label = strings.Replace(period, "-", "/", 1)
	}
	return label, period, sort, err
}

func monthIndex(name string) int {
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(name, m.String()) {
			return int(m)
		}
	}
	return 0
}

// unitFromAxis guesses a measure's unit from its axis name.
func unitFromAxis(axis, name string) string {
	a := strings.ToLower(axis + " " + name)
	switch {
	case strings.Contains(a, "%") || strings.Contains(a, "percent") || strings.Contains(a, "proportion") || strings.HasSuffix(a, "_pct"):
		return "percent"
	case strings.Contains(a, "cost"):
		return "money"
	case strings.Contains(a, "score"):
		return "score"
	}
	return "number"
}

func polarityOf(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "high", "higher":
		return "high"
	case "low", "lower":
		return "low"
	}
	return "none"
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
