package seeds_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

func readShipped(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestBenchmarkSeedIsTheShippedFigures: every figure of the 14 seeded areas in
// the shipped measures file is in the seed slice, unchanged, and nothing else.
func TestBenchmarkSeedIsTheShippedFigures(t *testing.T) {
	t.Parallel()
	dir := modeltest.BenchmarkDir(t)
	shipped := readShipped(t, filepath.Join(dir, "lait_send_measures.csv"))
	body, err := seeds.ReadBenchmarkSeed("lait_send_measures.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(body))
	seeded, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{"838": true, "835": true, "970": true, "990": true}
	for _, sn := range readShipped(t, filepath.Join(dir, "statistical_neighbours_may_2025.csv")) {
		if sn[0] == "838" {
			for c := 5; c < len(sn); c += 2 {
				keep[sn[c]] = true
			}
		}
	}
	key := func(r []string) string { return r[0] + "|" + r[2] + "|" + r[3] + "|" + r[4] + "|" + r[5] + "|" + r[6] }
	want := map[string]bool{}
	for _, r := range shipped[1:] {
		if keep[r[5]] {
			want[key(r)] = true
		}
	}
	if len(keep) != 14 || len(want) != len(seeded)-1 {
		t.Fatalf("%d areas; %d shipped rows for them, %d seeded", len(keep), len(want), len(seeded)-1)
	}
	for i, r := range seeded[1:] {
		if !want[key(r)] {
			t.Fatalf("seeded line %d %v is not in the shipped file", i+2, r)
		}
	}
	dict := readShipped(t, filepath.Join(dir, "lait_send_dictionary.csv"))
	seedDict, _ := seeds.ReadBenchmarkSeed("lait_send_dictionary.csv")
	shippedDict, _ := os.ReadFile(filepath.Join(dir, "lait_send_dictionary.csv"))
	if !bytes.Equal(seedDict, shippedDict) || len(dict) != 77 {
		t.Errorf("seeded dictionary differs from the shipped one (%d rows)", len(dict))
	}
}

// TestSeededDorsetMatchesShippedFile loads the seeds and compares one measure's
// comparison for Dorset with the shipped file figure for figure: Dorset (838
// joined with 835 before 2019), England, the South West and each of the ten
// neighbours, with the median and rank worked out here independently.
func TestSeededDorsetMatchesShippedFile(t *testing.T) {
	t.Parallel()
	dir := modeltest.BenchmarkDir(t)
	const code = "SEN_EHC_All_20wks"          // dps NA: one decimal place; higher is better
	shipped := map[string]map[string]string{} // area -> year label -> value text
	var order []string
	for _, r := range readShipped(t, filepath.Join(dir, "lait_send_measures.csv"))[1:] {
		if r[0] != code {
			continue
		}
		if shipped[r[5]] == nil {
			shipped[r[5]] = map[string]string{}
		}
		if _, ok := shipped["970"][r[2]]; !ok && r[5] == "970" {
			order = append(order, r[2])
		}
		shipped[r[5]][r[2]] = r[4]
	}
	var neighbours []string
	for _, sn := range readShipped(t, filepath.Join(dir, "statistical_neighbours_may_2025.csv")) {
		if sn[0] == "838" {
			for c := 5; c < len(sn); c += 2 {
				neighbours = append(neighbours, sn[c])
			}
		}
	}
	oneDP := func(s string) *float64 {
		if s == "-" || s == "" {
			return nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q", s)
		}
		f = math.Round(f*10) / 10
		return &f
	}
	same := func(what string, got, want *float64) {
		t.Helper()
		if (got == nil) != (want == nil) || (got != nil && *got != *want) {
			t.Errorf("%s: got %v, want %v", what, show(got), show(want))
		}
	}
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		if _, err := seeds.Load(context.Background(), d.DB); err != nil {
			t.Fatal(err)
		}
		c, err := measure.CompareBenchmark(context.Background(), d.DB, code, 838)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Rows) != len(order) || len(c.Neighbours) != 10 || c.Region == nil || c.Region.Code != 990 {
			t.Fatalf("%d periods (want %d), %d neighbours, region %+v", len(c.Rows), len(order), len(c.Neighbours), c.Region)
		}
		for i, row := range c.Rows {
			y := order[i]
			if row.Label != y {
				t.Fatalf("period %d is %q, want %q", i, row.Label, y)
			}
			la := oneDP(shipped["838"][y])
			if la == nil {
				la = oneDP(shipped["835"][y])
				if la != nil != row.FromPredecessor {
					t.Errorf("%s: FromPredecessor = %v", y, row.FromPredecessor)
				}
			}
			same(y+" Dorset", row.LA.Value, la)
			same(y+" England", row.England.Value, oneDP(shipped["970"][y]))
			same(y+" South West", row.Region.Value, oneDP(shipped["990"][y]))
			var vals []float64
			for j, n := range neighbours {
				if c.Neighbours[j].Code != atoi(t, n) {
					t.Fatalf("neighbour %d is %d, want %s", j+1, c.Neighbours[j].Code, n)
				}
				v := oneDP(shipped[n][y])
				same(y+" neighbour "+n, row.Neighbours[j].Value, v)
				if v != nil {
					vals = append(vals, *v)
				}
			}
			if len(vals) == 0 {
				same(y+" median", row.Median, nil)
				continue
			}
			sort.Float64s(vals)
			med := vals[len(vals)/2]
			if len(vals)%2 == 0 {
				med = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
			}
			if math.Abs(*row.Median-med) > 1e-9 {
				t.Errorf("%s median %v, want %v", y, *row.Median, med)
			}
			if la != nil {
				rank := 1
				for _, v := range vals {
					if v > *la {
						rank++
					}
				}
				if row.Rank == nil || *row.Rank != rank || row.RankOf != len(vals)+1 {
					t.Errorf("%s rank %v of %d, want %d of %d", y, show(intF(row.Rank)), row.RankOf, rank, len(vals)+1)
				}
			}
		}
		if got := c.JoinedPeriods(); len(got) == 0 || got[0] != "2016" {
			t.Errorf("joined periods %v", got)
		}
	})
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func intF(p *int) *float64 {
	if p == nil {
		return nil
	}
	f := float64(*p)
	return &f
}

func show(p *float64) any {
	if p == nil {
		return "missing"
	}
	return *p
}

// TestSeededBenchmarkLinks: a fresh install links 1.4 and 3.5's impact
// measures to the DfE measures kpi_links.yaml names, and 1.4's page shows
// Dorset's latest 20-week figure beside England's.
func TestSeededBenchmarkLinks(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		if _, err := seeds.Load(ctx, d.DB); err != nil {
			t.Fatal(err)
		}
		plan, err := models.DefaultPlan(ctx, d.DB)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, n := range []string{"1.4", "3.5", "1.1"} {
			a, err := models.FindAction(ctx, d.DB, plan.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := measure.ActionBenchmarks(ctx, d.DB, a.ID, 838)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				got[n] = append(got[n], r.Measure.Code)
				if r.Measure.Code == "SEN_EHC_All_20wks" && (r.Label != "2024" || r.LA == nil || *r.LA != 49.1 || r.England == nil || *r.England != 45.9) {
					t.Errorf("1.4's latest 20-week figure: %s %v against England %v, want 2024 49.1 against 45.9", r.Label, show(r.LA), show(r.England))
				}
			}
		}
		want := map[string][]string{"1.4": {"SEN_EHC_All_20wks", "SEN_EHC_Excpt_20wks"}, "3.5": {"SEN_INIT_REQ"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("linked measures %v, want %v", got, want)
		}
	})
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
