package measure_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

const eesHeader = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,ehcp_20wk_pct,ehcp_issued\n"

// eesRelease is an explore-education-statistics file as DfE publishes them:
// national, regional and LA rows, suppression codes, two time types.
const eesRelease = eesHeader +
	"2023,Calendar year,National,E92000001,England,,,,,,50.3,c\n" +
	"2023,Calendar year,Regional,E92000001,England,E12000009,South West,,,,x,1200\n" +
	"2023,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000059,838,Dorset,70.85,z\n" +
	"2023,Calendar year,Local authority,E92000001,England,E12000009,South West,E10000027,933,Somerset,k,u\n" +
	"202324,Academic year,Local authority,E92000001,England,E12000009,South West,E06000059,838,Dorset,:,41\n"

func value(t *testing.T, d modeltest.DB, code string, area int, period string, current bool) []measure.BenchmarkValue {
	t.Helper()
	var vs []measure.BenchmarkValue
	q := d.DB.Joins("JOIN bm_measures ON bm_measures.id = bm_values.measure_id").
		Where("bm_measures.code = ? AND area_code = ? AND period = ?", code, area, period)
	if current {
		q = q.Where("current = ?", true)
	}
	if err := q.Order("revision").Find(&vs).Error; err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestImportEES(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		res, err := measure.ImportBenchmark(ctx, d.DB, "ees.csv", []byte(eesRelease), now)
		if err != nil {
			t.Fatal(err)
		}
		if res.Kind != measure.FileEES || res.Added != 10 || res.Measures != 2 {
			t.Fatalf("%+v", res)
		}
		check := func(code string, area int, period string, want string) {
			t.Helper()
			vs := value(t, d, code, area, period, true)
			if len(vs) != 1 {
				t.Fatalf("%s %d %s: %d current values", code, area, period, len(vs))
			}
			got := vs[0].Missing
			if vs[0].Value != nil {
				got = measure.FormatDP(*vs[0].Value, 2)
			}
			if got != want {
				t.Errorf("%s %d %s = %q, want %q", code, area, period, got, want)
			}
		}
		check("ehcp_20wk_pct", 970, "2023", "50.30")
		check("ehcp_issued", 970, "2023", "c")
		check("ehcp_20wk_pct", 990, "2023", "x")
		check("ehcp_20wk_pct", 838, "2023", "70.85")
		check("ehcp_issued", 838, "2023", "z")
		check("ehcp_20wk_pct", 933, "2023", "k")
		check("ehcp_issued", 933, "2023", "u")
		check("ehcp_20wk_pct", 838, "2023-24", ":")
		check("ehcp_issued", 838, "2023-24", "41.00")
		if a, err := measure.FindArea(ctx, d.DB, 838); err != nil || a.Name != "Dorset" || a.RegionCode == nil || *a.RegionCode != 990 {
			t.Errorf("area 838: %+v %v", a, err)
		}

		// The same file again changes nothing.
		res, err = measure.ImportBenchmark(ctx, d.DB, "ees.csv", []byte(eesRelease), now.Add(time.Hour))
		if err != nil || res.Added+res.Revised != 0 || res.Unchanged != 10 {
			t.Fatalf("again: %+v %v", res, err)
		}

		// A revised release: one figure changes, a suppressed one is published.
		revised := strings.Replace(strings.Replace(eesRelease, ",70.85,z", ",71.2,z", 1), ",x,1200", ",48.9,1200", 1)
		res, err = measure.ImportBenchmark(ctx, d.DB, "ees-revised.csv", []byte(revised), now.Add(24*time.Hour))
		if err != nil || res.Revised != 2 || res.Unchanged != 8 || res.Added != 0 {
			t.Fatalf("revised: %+v %v", res, err)
		}
		all := value(t, d, "ehcp_20wk_pct", 838, "2023", false)
		if len(all) != 2 || all[0].Current || *all[0].Value != 70.85 || !all[1].Current || *all[1].Value != 71.2 || all[1].Revision != 2 {
			t.Errorf("revisions kept: %+v", all)
		}
		check("ehcp_20wk_pct", 990, "2023", "48.90")
	})
}

// TestImportBadFilesImportNothing: every bad row is reported with its line, and
// nothing of the file is kept.
func TestImportBadFilesImportNothing(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		bad := eesRelease +
			"2023,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000059,878,Devon,abc,5\n" +
			"2023,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000059,8x8,Devon,1,5\n" +
			"20233,Calendar year,National,E92000001,England,,,,,,1,2\n" +
			"2023,Calendar year,Local authority,E92000001,England,E12000009,South West,E06000059,838,Dorset,1,2\n"
		_, err := measure.ImportBenchmark(ctx, d.DB, "bad.csv", []byte(bad), time.Now())
		var fe *measure.BenchmarkFileError
		if !errors.As(err, &fe) || fe.Total != 4 {
			t.Fatalf("%v", err)
		}
		wantLines := []int{7, 8, 9, 10}
		for i, r := range fe.Rows {
			if r.Line != wantLines[i] {
				t.Errorf("row %d: line %d (%s), want %d", i, r.Line, r.Reason, wantLines[i])
			}
		}
		for _, want := range []string{"ehcp_20wk_pct (column 11) \"abc\" is not a number", "old_la_code (column 9)", "time_period \"20233\"", "area 838 in 2023 repeats line 4"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q:\n%v", want, err)
			}
		}
		var n int64
		d.DB.Model(&measure.BenchmarkValue{}).Count(&n)
		var m int64
		d.DB.Model(&measure.Benchmark{}).Count(&m)
		if n != 0 || m != 0 {
			t.Errorf("%d values and %d measures kept from a bad file", n, m)
		}
		if _, err := measure.ImportBenchmark(ctx, d.DB, "x.csv", []byte("a,b,c\n1,2,3\n"), time.Now()); err == nil || !strings.Contains(err.Error(), "is not one sendboard knows") {
			t.Errorf("unknown header: %v", err)
		}
	})
}

// TestImportShippedSlices imports the head of each shipped file, with its
// float noise and "-" figures, then a later slice revising nothing.
func TestImportShippedSlices(t *testing.T) {
	t.Parallel()
	dir := modeltest.BenchmarkDir(t)
	full, err := os.ReadFile(filepath.Join(dir, "lait_send_measures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(full), "\n")
	var dorset []string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "SEN_EHC_All_20wks,") || strings.HasPrefix(l, "SENFinance,") {
			dorset = append(dorset, l)
		}
	}
	slice := lines[0] + strings.Join(dorset, "")
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		dict, _ := os.ReadFile(filepath.Join(dir, "lait_send_dictionary.csv"))
		if _, err := measure.ImportBenchmark(ctx, d.DB, "dict.csv", dict, time.Now()); err != nil {
			t.Fatal(err)
		}
		res, err := measure.ImportBenchmark(ctx, d.DB, "slice.csv", []byte(slice), time.Now())
		if err != nil || res.Added != len(dorset) {
			t.Fatalf("%+v %v", res, err)
		}
		v := value(t, d, "SEN_EHC_All_20wks", 838, "2020", true)
		if len(v) != 1 || v[0].Value == nil || *v[0].Value != 79.9 { // 79.900000000000006 in the file
			t.Errorf("2020 Dorset: %+v", v)
		}
		if v := value(t, d, "SEN_EHC_All_20wks", 838, "2016", true); len(v) != 1 || v[0].Value != nil || v[0].Missing != "-" {
			t.Errorf("2016 Dorset is missing, not 0: %+v", v)
		}
		if v := value(t, d, "SENFinance", 838, "2016-17", true); len(v) != 1 || v[0].PeriodLabel != "2016-17 (OT)" {
			t.Errorf("financial year label: %+v", v)
		}
		m, _ := measure.FindBenchmark(ctx, d.DB, "SEN_EHC_All_20wks")
		if m.Name != "New EHC plans issued within 20 weeks - including exceptions" && m.DPS != 1 || m.Polarity != "high" || m.Unit != "percent" {
			t.Errorf("measure %+v", m)
		}
		res, err = measure.ImportBenchmark(ctx, d.DB, "slice.csv", []byte(slice), time.Now())
		if err != nil || res.Added+res.Revised != 0 {
			t.Errorf("again: %+v %v", res, err)
		}
		// A provisional figure finalised in a later release revises the same year.
		prov := lines[0] + "SEN_EHC_All_20wks,,2025 (prov),Dorset,50,838,South West\n"
		final := lines[0] + "SEN_EHC_All_20wks,,2025,Dorset,51.04,838,South West\n"
		if _, err := measure.ImportBenchmark(ctx, d.DB, "p.csv", []byte(prov), time.Now()); err != nil {
			t.Fatal(err)
		}
		if res, err := measure.ImportBenchmark(ctx, d.DB, "f.csv", []byte(final), time.Now()); err != nil || res.Revised != 1 {
			t.Fatalf("%+v %v", res, err)
		}
		if v := value(t, d, "SEN_EHC_All_20wks", 838, "2025", false); len(v) != 2 || v[1].PeriodLabel != "2025" || *v[1].Value != 51 {
			t.Errorf("2025 revisions: %+v", v)
		}
	})
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
