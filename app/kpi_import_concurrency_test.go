package app_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// Imports of the same KPI at the same moment are serialised: each is applied
// in turn as a new revision, never a 500.
func TestConcurrentKPIImportsAreSerialised(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		const n = 8
		codes := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				csv := fmt.Sprintf("kpi,period,value,commentary\nsendiass.initial_enquiries,2031-32 Q1,%d,\nsendiass.initial_enquiries,2031-32 Q2,%d,\n", 100+i, 200+i)
				codes[i] = upload(t, env, admin, "figures.csv", csv).Code
			}()
		}
		wg.Wait()
		applied := 0
		for _, c := range codes {
			if c != http.StatusOK {
				t.Fatalf("statuses %v: want every import applied in turn", codes)
			}
			applied++
		}
		for _, period := range []string{"2031-32 Q1", "2031-32 Q2"} {
			var figs []measure.KPIFigure
			d.DB.Joins("JOIN kpis ON kpis.id = kpi_figures.kpi_id").Where("kpis.code = ? AND period = ?", "sendiass.initial_enquiries", period).
				Order("revision").Find(&figs)
			current := 0
			for i, f := range figs {
				if f.Revision != i+1 {
					t.Fatalf("%s revisions %v", period, figs)
				}
				if f.Current {
					current++
				}
			}
			if current != 1 || len(figs) != applied {
				t.Fatalf("%s: %d revisions (%d current) for %d applied imports (%v)", period, len(figs), current, applied, codes)
			}
		}
	})
}
