package pack_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/app/pack/pdftest"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

// In every format the KPI part shows the KPI off track with its owner's
// commentary beside the figure, and the linked DfE measure with Dorset's
// latest figure and period, England (withdrawn here: "no figure", never 0),
// the South West, the neighbours' median, the rank and the wording.
func TestKPIPartShowsExceptionsAndBenchmarks(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		f := packtest.Find(t, d.DB)
		// The links below are the only ones: the seeded plan's own are removed.
		if err := d.DB.Exec("DELETE FROM action_benchmarks").Error; err != nil {
			t.Fatal(err)
		}
		var kpi measure.KPI
		d.DB.Where("code = ?", "sendiass.initial_enquiries").Take(&kpi)
		e := measure.KPIException{KPIID: kpi.ID, Kind: measure.KPIOffTrack, Period: "2024-25 Q3", Value: 269, TargetText: "at least 300",
			RaisedAt: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), Commentary: "Two advisers on leave; cover arranged."}
		if err := d.DB.Omit("KPI").Create(&e).Error; err != nil {
			t.Fatal(err)
		}
		if err := measure.LinkActionBenchmark(ctx, d.DB, f.Governed[0].PlanID, "SEN_EHC_Excpt_20wks", f.Governed[0].Number, false); err != nil {
			t.Fatal(err)
		}
		var m measure.Benchmark
		d.DB.Where("code = ?", "SEN_EHC_Excpt_20wks").Take(&m)
		d.DB.Model(&measure.BenchmarkValue{}).Where("measure_id = ? AND area_code = ? AND period = ?", m.ID, measure.EnglandCode, "2023").
			Updates(map[string]any{"value": nil, "missing": "x"})
		p := build(t, d, packtest.Board, packtest.Quarter)

		text := pdftest.Text(t, mustPDF(t, p))
		text = text[strings.Index(text, "Page 1 of"):] // past the cover's contents line
		kpiPart := text[strings.Index(text, "4. SENDIASS KPIs"):strings.Index(text, "5. Highlight reports by area")]
		for _, want := range []string{"KPIs off track", "Initial enquiries",
			"Off track: 269 in 2024-25 Q3 against at least 300. Owner's commentary: Two advisers on leave; cover arranged.",
			"DfE benchmarks for the actions in this pack", "New EHC plans issued within 20 weeks", "(actions " + f.Governed[0].Number + ")",
			"2023 60.2% no figure 33.4%", "Better than South West"} {
			if !strings.Contains(kpiPart, want) {
				t.Errorf("PDF KPI part lacks %q", want)
			}
		}
		if strings.Contains(kpiPart, "than England") {
			t.Error("PDF compares with England's withdrawn figure")
		}

		html, err := pack.HTML(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`data-label="Owner's commentary">Two advisers on leave; cover arranged.</td>`,
			`data-label="Area">60.2%</td><td data-label="England">no figure</td>`, "Better than South West"} {
			if !bytes.Contains(html, []byte(want)) {
				t.Errorf("HTML lacks %s", want)
			}
		}

		b, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if v, _ := x.GetCellValue("KPIs off track", "H2"); v != "Two advisers on leave; cover arranged." {
			t.Errorf("XLSX commentary = %q", v)
		}
		la, _ := x.GetCellValue("Benchmarks", "E2", excelize.Options{RawCellValue: true})
		england, _ := x.GetCellValue("Benchmarks", "F2", excelize.Options{RawCellValue: true})
		shown, _ := x.GetCellValue("Benchmarks", "E2")
		notes, _ := x.GetCellValue("Benchmarks", "M2")
		if la != "60.2" || shown != "60.2" || england != "" || notes != "England: no figure" {
			t.Errorf("XLSX benchmark: area %q (shown %q), England %q, notes %q", la, shown, england, notes)
		}
	})
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
