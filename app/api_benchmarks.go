package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
)

// benchmarkArea is the area a benchmark request is for: ?la= when given,
// else the plan's own LA number when it has one, else SENDBOARD_LA_CODE.
// planLA is the DfE LA number p's benchmarks use: its own, else the setting.
func (a *App) planLA(p models.Plan) int {
	if p.LACode != nil {
		if n, err := strconv.Atoi(*p.LACode); err == nil {
			return n
		}
	}
	return a.Config.LACode
}

func (a *App) benchmarkArea(c echo.Context) (int, error) {
	s := c.QueryParam("la")
	if s == "" {
		ref, err := a.reference(c.Request().Context())
		if err != nil {
			return 0, err
		}
		return a.planLA(ref.Plan), nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 || n > 999 {
		return 0, models.Invalid("la", "%q is not a 3-digit DfE LA number, e.g. 838", s)
	}
	return n, nil
}

func (a *App) apiListBenchmarks(c echo.Context) error {
	ms, err := measure.ListBenchmarks(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	if ms == nil {
		ms = []measure.Benchmark{}
	}
	return c.JSON(http.StatusOK, map[string]any{"measures": ms})
}

type apiBMNeighbour struct {
	Code  string   `json:"code"`
	Name  string   `json:"name"`
	Value *float64 `json:"value"`
}

type apiBMPeriod struct {
	Period           string           `json:"period"`
	LA               *float64         `json:"la"`
	England          *float64         `json:"england"`
	Region           *float64         `json:"region"`
	Neighbours       []apiBMNeighbour `json:"neighbours"`
	NeighboursMedian *float64         `json:"neighbours_median"`
	Rank             *int             `json:"rank"`
}

type apiBMArea struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type apiBenchmark struct {
	Measure  string        `json:"measure"`
	Name     string        `json:"name"`
	Polarity string        `json:"polarity"`
	Unit     string        `json:"unit"`
	DPS      int           `json:"dps"`
	YearType string        `json:"year_type"`
	LA       apiBMArea     `json:"la"`
	Series   []apiBMPeriod `json:"series"`
}

func (a *App) apiGetBenchmark(c echo.Context) error {
	la, err := a.benchmarkArea(c)
	if err != nil {
		return err
	}
	cmp, err := measure.CompareBenchmark(c.Request().Context(), a.DB, c.Param("measure"), la)
	if err != nil {
		return err
	}
	m := cmp.Measure
	out := apiBenchmark{Measure: m.Code, Name: m.Name, Polarity: m.Polarity, Unit: m.Unit, DPS: m.DPS, YearType: m.YearType,
		LA: apiBMArea{strconv.Itoa(cmp.LA.Code), cmp.LA.Name}, Series: []apiBMPeriod{}}
	for _, r := range cmp.Rows {
		p := apiBMPeriod{Period: r.Label, LA: r.LA.Value, England: r.England.Value, Region: r.Region.Value,
			NeighboursMedian: roundPtr(r.Median, m.DPS), Rank: r.Rank, Neighbours: []apiBMNeighbour{}}
		for i, n := range cmp.Neighbours {
			p.Neighbours = append(p.Neighbours, apiBMNeighbour{strconv.Itoa(n.Code), n.Name, r.Neighbours[i].Value})
		}
		out.Series = append(out.Series, p)
	}
	return c.JSON(http.StatusOK, out)
}

func roundPtr(v *float64, dps int) *float64 {
	if v == nil {
		return nil
	}
	r := measure.RoundDP(*v, dps)
	return &r
}
