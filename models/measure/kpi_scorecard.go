package measure

import (
	"context"
	"encoding/csv"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// KPIJudged is one figure with the target of its period and its RAG.
type KPIJudged struct {
	KPIFigure
	Target Target
	RAG    string // green, amber, red or none
}

// KPICard is a KPI on the scorecard: its newest figure judged, the trend from
// the figure before (of the same kind: quarter or whole year), its figures
// split into quarters and whole years, and its open exception.
type KPICard struct {
	KPI       KPI
	Targets   []KPITarget
	Latest    *KPIJudged
	Previous  *KPIFigure
	Quarterly []KPIJudged
	Yearly    []KPIJudged
	Exception *KPIException
}

// Trend is the direction from the previous figure: up, down or flat ("" with
// no previous figure), and whether that is better, worse or neither.
func (c KPICard) Trend() (dir, judgement string) {
	if c.Latest == nil || c.Previous == nil {
		return "", ""
	}
	a, b := RoundDP(c.Previous.Value, c.KPI.Decimals), RoundDP(c.Latest.Value, c.KPI.Decimals)
	switch {
	case b > a:
		dir = "up"
	case b < a:
		return "down", map[string]string{"up": "worse", "down": "better"}[c.KPI.Direction]
	default:
		return "flat", ""
	}
	return dir, map[string]string{"up": "better", "down": "worse"}[c.KPI.Direction]
}

// TrendText words the trend: "Up from 314 in 2024-25 Q3 (better)".
func (c KPICard) TrendText() string {
	dir, j := c.Trend()
	if dir == "" {
		return "No earlier figure"
	}
	s := map[string]string{"up": "Up", "down": "Down", "flat": "No change"}[dir]
	s += fmt.Sprintf(" from %s in %s", c.KPI.Format(c.Previous.Value), c.Previous.Period)
	if j != "" {
		s += " (" + j + ")"
	}
	return s
}

// KPIScorecard judges every KPI's figures, in five statements whatever the
// number of KPIs and figures.
func KPIScorecard(ctx context.Context, db *gorm.DB) ([]KPICard, error) {
	series, err := ListSeries(ctx, db)
	if err != nil {
		return nil, err
	}
	targets, err := ListTargets(ctx, db, nil)
	if err != nil {
		return nil, err
	}
	open, err := OpenKPIExceptions(ctx, db)
	if err != nil {
		return nil, err
	}
	out := make([]KPICard, len(series))
	for i, s := range series {
		c := KPICard{KPI: s.KPI, Targets: targets[s.KPI.ID]}
		for _, f := range s.Figures {
			t := TargetFor(s.KPI, c.Targets, f.Period)
			j := KPIJudged{KPIFigure: f, Target: t, RAG: RAG(s.KPI, t, f.Value)}
			if f.PeriodSort%10 == 5 {
				c.Yearly = append(c.Yearly, j)
			} else {
				c.Quarterly = append(c.Quarterly, j)
			}
		}
		// A quarterly KPI is scored on its newest quarter, others on their newest year.
		kind := c.Yearly
		if (s.KPI.PeriodType == "financial_quarter" && len(c.Quarterly) > 0) || len(c.Yearly) == 0 {
			kind = c.Quarterly
		}
		if len(kind) > 0 {
			c.Latest = &kind[len(kind)-1]
			if len(kind) > 1 {
				c.Previous = &kind[len(kind)-2].KPIFigure
			}
		}
		if e, ok := open[s.KPI.ID]; ok {
			c.Exception = &e
		}
		out[i] = c
	}
	return out, nil
}

// KPITemplateCSV is a file in the feed's CSV format listing every valid KPI
// code with an empty value, ready to fill in and import.
func KPITemplateCSV(ks []KPI) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"kpi", "period", "value", "commentary"})
	for _, k := range ks {
		example := "2025-26 Q1"
		if k.PeriodType != "financial_quarter" {
			example = "2025-26"
		}
		_ = w.Write([]string{k.Code, example, "", ""})
	}
	w.Flush()
	return b.String()
}

// TrendArrow is an arrow for the trend; the text beside it says the same.
func (c KPICard) TrendArrow() string {
	dir, _ := c.Trend()
	return map[string]string{"up": "↑", "down": "↓", "flat": "→"}[dir]
}

// PeriodTypeLabel words the KPI's period type.
func (k KPI) PeriodTypeLabel() string { return PeriodTypeLabel(k.PeriodType) }
