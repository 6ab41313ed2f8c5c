package measure

import (
	"strconv"
	"strings"
)

// parseLAIT reads the LAIT long format: a measure's name is given on its first
// row only; Region is the authority's region, or NA for England and regions.
func parseLAIT(t *csvTable, f *bmFile, fe *BenchmarkFileError) {
	named := map[string]bool{}
	areas := map[int]bool{}
	for i, r := range t.rows {
		line := t.lines[i]
		code, name := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
		if code == "" {
			fe.add(line, "Short Desc (column 1) is empty")
			continue
		}
		if !named[code] {
			named[code] = true
			f.Measures = append(f.Measures, Benchmark{Code: code, Name: name})
		} else if name != "" {
			for j := range f.Measures {
				if f.Measures[j].Code == code && f.Measures[j].Name == "" {
					f.Measures[j].Name = name
				}
			}
		}
		period, sort, err := ParseBenchmarkPeriod(r[2])
		if err != nil {
			fe.add(line, "Years (column 3): %v", err)
			continue
		}
		area, err := areaCode(r[5])
		if err != nil {
			fe.add(line, "LA Number (column 6): %v", err)
			continue
		}
		v, missing, err := parseValue(r[4])
		if err != nil {
			fe.add(line, "Values (column 5) %v", err)
			continue
		}
		if !areas[area] {
			areas[area] = true
			f.Areas = append(f.Areas, newArea(area, r[3], r[6], ""))
		}
		f.Values = append(f.Values, bmRow{Line: line, Measure: code, Area: area, Period: period,
			Label: strings.TrimSpace(r[2]), Sort: sort, Value: v, Missing: missing})
	}
}

func newArea(code int, name, region, laType string) Area {
	a := Area{Code: code, Name: strings.TrimSpace(name), Kind: kindOf(code), LAType: strings.TrimSpace(laType)}
	if a.Kind == "la" {
		a.RegionName = strings.TrimSpace(region)
		if rc := RegionCode(region); rc != 0 {
			a.RegionCode = &rc
		}
	}
	return a
}

// parseNeighbours reads DfE's statistical neighbours: each authority, then
// SN1…SN10 with how close each is (SNP).
func parseNeighbours(t *csvTable, f *bmFile, fe *BenchmarkFileError) {
	f.Neighbours = map[int][]Neighbour{}
	for i, r := range t.rows {
		line := t.lines[i]
		if isHeading(r) {
			continue
		}
		la, err := areaCode(r[0])
		if err != nil {
			fe.add(line, "LA num (column 1): %v", err)
			continue
		}
		var ns []Neighbour
		for col := 5; col+1 < len(r); col += 2 {
			s := strings.TrimSpace(r[col])
			if s == "" || s == "-" {
				continue
			}
			n, err := areaCode(s)
			if err != nil {
				fe.add(line, "%s (column %d): %v", t.header[col], col+1, err)
				continue
			}
			ns = append(ns, Neighbour{LACode: la, Position: len(ns) + 1, NeighbourCode: n, Closeness: strings.TrimSpace(r[col+1])})
		}
		if _, dup := f.Neighbours[la]; dup {
			fe.add(line, "LA %d is listed twice", la)
			continue
		}
		f.Neighbours[la] = ns
		f.Areas = append(f.Areas, newArea(la, r[1], r[4], ""))
	}
}

// parseDictionary reads the LAIT measure dictionary. A dps of NA is shown at
// one decimal place, as the tool does.
func parseDictionary(t *csvTable, f *bmFile, fe *BenchmarkFileError) {
	col := func(name string) int { return indexOf(t.header, name) }
	get := func(r []string, name string) string {
		if i := col(name); i >= 0 {
			return strings.TrimSpace(r[i])
		}
		return ""
	}
	for i, r := range t.rows {
		line := t.lines[i]
		code := get(r, "Measure_short")
		if code == "" {
			fe.add(line, "Measure_short (column 1) is empty")
			continue
		}
		dps := 1
		if s := get(r, "dps"); s != "" && !strings.EqualFold(s, "NA") {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n > 6 {
				fe.add(line, "dps (column %d): %q is not a number of decimal places from 0 to 6, or NA", col("dps")+1, s)
				continue
			}
			dps = n
		}
		axis := get(r, "y_axis_name")
		f.Measures = append(f.Measures, Benchmark{Code: code, Name: get(r, "Measure"), ChartTitle: get(r, "Chart_title"),
			Topic: get(r, "Topic"), Polarity: polarityOf(get(r, "Polarity")), Unit: unitFromAxis(axis, get(r, "Measure")),
			YAxis: axis, DPS: dps, YearType: get(r, "Year_Type"), Description: get(r, "Description"),
			Source: get(r, "Data Owner (DO) /Supplier and Contact Details"), Links: get(r, "Hyperlink(s)"), LastUpdate: get(r, "Last Update"), NextUpdate: get(r, "Next Update"),
			Described: true})
	}
}

// parseLACodes reads DfE's list of authorities with their region and type.
func parseLACodes(t *csvTable, f *bmFile, fe *BenchmarkFileError) {
	for i, r := range t.rows {
		code, err := areaCode(r[0])
		if err != nil {
			fe.add(t.lines[i], "LA Number (column 1): %v", err)
			continue
		}
		f.Areas = append(f.Areas, newArea(code, r[1], r[2], r[3]))
	}
}

// parseEES reads explore-education-statistics' tidy CSV: geography columns up
// to la_name, then one column per measure. National rows are England (970),
// regional rows the region by name, local authority rows their old_la_code.
func parseEES(t *csvTable, f *bmFile, fe *BenchmarkFileError) {
	h := t.header
	first := indexOf(h, "la_name") + 1
	if first >= len(h) {
		fe.add(1, "no measure columns after la_name")
		return
	}
	level, tp, ti := indexOf(h, "geographic_level"), indexOf(h, "time_period"), indexOf(h, "time_identifier")
	oldLA, laName, region := indexOf(h, "old_la_code"), indexOf(h, "la_name"), indexOf(h, "region_name")
	dps := make([]int, len(h))
	areas := map[int]bool{}
	for i, r := range t.rows {
		line := t.lines[i]
		label, period, sort, err := eesPeriod(r[tp], r[ti])
		if err != nil {
			fe.add(line, "%v", err)
			continue
		}
		var area Area
		switch strings.ToLower(strings.TrimSpace(r[level])) {
		case "national":
			area = Area{Code: EnglandCode, Name: "England", Kind: "england"}
		case "regional":
			name := ""
			if region >= 0 {
				name = strings.TrimSpace(r[region])
			}
			rc := RegionCode(name)
			if rc == 0 {
				fe.add(line, "region_name %q is not an English region", name)
				continue
			}
			area = Area{Code: rc, Name: name, Kind: "region"}
		case "local authority":
			code, err := areaCode(r[oldLA])
			if err != nil {
				fe.add(line, "old_la_code (column %d): %v", oldLA+1, err)
				continue
			}
			reg := ""
			if region >= 0 {
				reg = r[region]
			}
			area = newArea(code, r[laName], reg, "")
		default:
			continue // other levels (wards, parliamentary constituencies) have no benchmark
		}
		if !areas[area.Code] {
			areas[area.Code] = true
			f.Areas = append(f.Areas, area)
		}
		for c := first; c < len(h); c++ {
			v, missing, err := parseValue(r[c])
			if err != nil {
				fe.add(line, "%s (column %d) %v", h[c], c+1, err)
				continue
			}
			if v != nil {
				if j := strings.IndexByte(strings.TrimSpace(r[c]), '.'); j >= 0 {
					dps[c] = max(dps[c], min(len(strings.TrimSpace(r[c]))-j-1, 3))
				}
			}
			f.Values = append(f.Values, bmRow{Line: line, Measure: h[c], Area: area.Code, Period: period,
				Label: label, Sort: sort, Value: v, Missing: missing})
		}
	}
	for c := first; c < len(h); c++ {
		f.Measures = append(f.Measures, Benchmark{Code: h[c], Name: strings.ReplaceAll(h[c], "_", " "), DPS: dps[c]})
	}
}
