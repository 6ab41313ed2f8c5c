package pack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

const ehc20 = "SEN_EHC_Excpt_20wks" // Dorset 60.2 in 2023, no figure for 2024; England 50.3, South West 33.4

// The KPI part lists the KPIs off track at the quarter's end with their
// owners' commentary, and the DfE measures linked to the pack's actions
// with the area's latest figure beside England, the region and the
// neighbours' median and rank; a missing figure is nil ("no figure"), and
// the statements do not grow with the number of measures.
func TestPackKPIExceptionsAndBenchmarks(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		f := packtest.Find(t, d.DB)
		// The links below are the only ones: the seeded plan's own are removed.
		if err := d.DB.Exec("DELETE FROM action_benchmarks").Error; err != nil {
			t.Fatal(err)
		}
		var kpi measure.KPI
		if err := d.DB.Where("code = ?", "sendiass.initial_enquiries").Take(&kpi).Error; err != nil {
			t.Fatal(err)
		}
		resolved := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
		es := []measure.KPIException{
			{KPIID: kpi.ID, Kind: measure.KPIOffTrack, Period: "2024-25 Q3", Value: 269, TargetText: "at least 300",
				RaisedAt: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), Commentary: "Two advisers on leave; cover arranged."},
			{KPIID: kpi.ID, Kind: measure.KPIOffTrack, Period: "2024-25 Q1", Value: 250, RaisedAt: time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC), ResolvedAt: &resolved},
		}
		if err := d.DB.Omit("KPI").Create(&es).Error; err != nil {
			t.Fatal(err)
		}
		for _, code := range []string{ehc20} {
			if err := measure.LinkActionBenchmark(ctx, d.DB, f.Governed[0].PlanID, code, f.Governed[0].Number, false); err != nil {
				t.Fatal(err)
			}
		}
		counter := modeltest.CountQueries(d.DB)
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		one := counter.N()
		if len(p.KPIExceptions) != 1 || p.KPIExceptions[0].Commentary != "Two advisers on leave; cover arranged." || p.KPIExceptions[0].Value != 269 {
			t.Errorf("KPI exceptions = %+v, want the open one with its commentary", p.KPIExceptions)
		}
		for _, k := range p.KPIs {
			if (k.OffTrack != nil) != (k.Code == kpi.Code) {
				t.Errorf("%s off track = %v", k.Code, k.OffTrack)
			}
		}
		if len(p.Benchmarks) != 1 {
			t.Fatalf("benchmarks = %+v", p.Benchmarks)
		}
		b := p.Benchmarks[0]
		if b.Period != "2023" || b.Figure(b.LA) != "60.2%" || b.Figure(b.England) != "50.3%" || b.Figure(b.Region) != "33.4%" ||
			b.RegionName != "South West" || b.Actions[0] != f.Governed[0].Number {
			t.Errorf("benchmark = %+v (area %s, England %s, region %s)", b, b.Figure(b.LA), b.Figure(b.England), b.Figure(b.Region))
		}
		if b.Median == nil || b.Rank == nil || b.RankOf != b.Neighbours+1 || b.Neighbours == 0 {
			t.Errorf("neighbours: median %v rank %v of %d (%d neighbours)", b.Median, b.Rank, b.RankOf, b.Neighbours)
		}
		if !strings.HasPrefix(b.Comparison(), "Better than England; better than South West") {
			t.Errorf("comparison = %q", b.Comparison())
		}

		// England's 2023 figure withdrawn: "no figure", and no comparison with it.
		var m measure.Benchmark
		d.DB.Where("code = ?", ehc20).Take(&m)
		d.DB.Model(&measure.BenchmarkValue{}).Where("measure_id = ? AND area_code = ? AND period = ?", m.ID, measure.EnglandCode, "2023").
			Updates(map[string]any{"value": nil, "missing": "x"})
		for _, code := range []string{"SecStatements", "SEN_TotStat"} {
			if err := measure.LinkActionBenchmark(ctx, d.DB, f.Governed[1].PlanID, code, f.Governed[1].Number, false); err != nil {
				t.Fatal(err)
			}
		}
		counter.Reset()
		p, err = pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if counter.N() != one {
			t.Errorf("%d statements with one measure, %d with three", one, counter.N())
		}
		var got *pack.Benchmark
		for i := range p.Benchmarks {
			if p.Benchmarks[i].Code == ehc20 {
				got = &p.Benchmarks[i]
			}
		}
		if len(p.Benchmarks) != 3 || got == nil || got.England != nil || got.Figure(got.England) != "no figure" || strings.Contains(got.Comparison(), "England") {
			t.Errorf("after England's figure went: %d measures, %+v, %q", len(p.Benchmarks), got, got.Comparison())
		}
	})
}
