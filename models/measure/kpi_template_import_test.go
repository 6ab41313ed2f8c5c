package measure_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// The template imports as downloaded: its rows without a value are skipped
// and counted, not refused; filled rows import beside them; a row with a
// commentary but no value is still an error.
func TestKPITemplateImportsAsDownloaded(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		kpis, err := measure.ListKPIs(ctx, d.DB)
		if err != nil || len(kpis) < 3 {
			t.Fatalf("%d KPIs, %v", len(kpis), err)
		}
		tmpl := measure.KPITemplateCSV(kpis)
		before := countFigures(t, d)
		res, err := measure.ImportFeed(ctx, d.DB, []byte(tmpl), measure.FeedCSV, "template", importNow)
		if err != nil {
			t.Fatalf("the template as downloaded: %v", err)
		}
		if res.Skipped != len(kpis) || res.Applied() != 0 || countFigures(t, d) != before {
			t.Fatalf("the template as downloaded: %+v", res)
		}
		if want := ", " + strconv.Itoa(len(kpis)) + " rows without a value skipped"; !strings.HasSuffix(res.Summary(), want) {
			t.Errorf("summary %q does not end %q", res.Summary(), want)
		}

		// Fill in one row, as an officer would, and leave the others blank.
		lines := strings.Split(strings.TrimSuffix(tmpl, "\n"), "\n")
		lines[1] = strings.TrimSuffix(lines[1], ",,") + ",42,"
		res, err = measure.ImportFeed(ctx, d.DB, []byte(strings.Join(lines, "\n")+"\n"), measure.FeedCSV, "template", importNow)
		if err != nil || res.Added != 1 || res.Skipped != len(kpis)-1 {
			t.Fatalf("one row filled: %+v, %v", res, err)
		}

		// A commentary with no value is a mistake to report, not a blank row.
		lines[2] = strings.TrimSuffix(lines[2], ",") + ",no figure this quarter"
		_, err = measure.ImportFeed(ctx, d.DB, []byte(strings.Join(lines, "\n")+"\n"), measure.FeedCSV, "template", importNow)
		var fe *measure.FeedError
		if !errors.As(err, &fe) || fe.Count() != 1 || fe.Rows[0].Line != 3 || !strings.Contains(fe.Rows[0].Reason, "value") {
			t.Fatalf("commentary without a value: %v", err)
		}
	})
}
