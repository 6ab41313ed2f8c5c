package measure_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// TestImportRefusesOverlongValues: a value longer than its column holds is a
// bad row with its line and column in every kind of DfE file, on both
// databases (not a raw varchar error on PostgreSQL, nor a 100 KB code kept on
// SQLite), and nothing of the file is stored.
func TestImportRefusesOverlongValues(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 100_000)
	files := map[string]struct{ body, want string }{
		"lait code": {"Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\n" +
			"EHCP_20wks,EHC plans within 20 weeks,2023,Dorset,70.1,838,South West\n" +
			long + ",EHC plans within 20 weeks,2023,Dorset,70.1,838,South West\n",
			"lait.csv:3: Short Desc (column 1) is 100000 characters long; it may have at most 100"},
		"lait years": {"Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\n" +
			"EHCP_20wks,EHC plans within 20 weeks,2023 (" + strings.Repeat("r", 60) + "),Dorset,70.1,838,South West\n",
			"lait.csv:2: Years (column 3) is 67 characters long; it may have at most 40"},
		"dictionary": {"Measure_short,Measure,Chart_title,Topic,Polarity,y_axis_name,dps,Year_Type,Description\n" +
			"EHCP_20wks,EHC plans,Chart,SEND,High,%,1," + strings.Repeat("Y", 41) + ",About\n",
			"lait.csv:2: Year_Type (column 8) is 41 characters long; it may have at most 40"},
		"la codes": {"LA Number,LA Name,Region,Type\n838,Dorset,South West,UA\n839,Somewhere,South West,Unitary authority\n",
			"lait.csv:3: Type (column 4) is 17 characters long; it may have at most 10"},
		"ees measure name": {"time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name," +
			strings.Repeat("m", 101) + "\n2023,Calendar year,National,E92000001,England,,,,,,50.3\n",
			"lait.csv:1: the name of column 11 is 101 characters long; a measure's name may have at most 100"},
		"ees value": {eesHeader + "2023,Calendar year,National,E92000001,England,,,,,," + long + ",c\n",
			"lait.csv:2: ehcp_20wk_pct (column 11) is 100000 characters long; it may have at most 100"},
	}
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		for name, f := range files {
			_, err := measure.ImportBenchmark(context.Background(), d.DB, "lait.csv", []byte(f.body), time.Now())
			var fe *measure.BenchmarkFileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), f.want) {
				t.Errorf("%s: got %.500v\nwant a bad row %q", name, err, f.want)
			}
			if err != nil && len(err.Error()) > 2000 {
				t.Errorf("%s: the report is %d bytes: it repeats the value", name, len(err.Error()))
			}
		}
		var values, measures, areas int64
		d.DB.Model(&measure.BenchmarkValue{}).Count(&values)
		d.DB.Model(&measure.Benchmark{}).Count(&measures)
		d.DB.Model(&measure.Area{}).Count(&areas)
		if values+measures+areas != 0 {
			t.Errorf("stored from refused files: %d values, %d measures, %d areas", values, measures, areas)
		}
	})
}
