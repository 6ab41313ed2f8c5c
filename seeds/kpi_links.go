package seeds

import (
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"
	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
)

//go:embed kpi_links.yaml
var kpiLinksYAML []byte

// KPILinksFile is the shape of kpi_links.yaml.
type KPILinksFile struct {
	Links []struct {
		Action          string  `yaml:"action"`
		KPI             string  `yaml:"kpi"`
		BaselinePeriod  string  `yaml:"baseline_period"`
		TargetChangePct float64 `yaml:"target_change_pct"`
		Direction       string  `yaml:"direction"`
		Note            string  `yaml:"note"`
	} `yaml:"kpi_links"`
	Benchmarks []struct {
		Action  string `yaml:"action"`
		Measure string `yaml:"measure"`
	} `yaml:"benchmark_links"`
}

// loadBenchmarkLinks links the plan's actions to DfE measures; it runs once,
// when the benchmark figures are first loaded.
func loadBenchmarkLinks(tx *gorm.DB, planSlug string) error {
	f, plan, err := readLinks(tx, planSlug)
	if err != nil {
		return err
	}
	for i, l := range f.Benchmarks {
		if err := measure.LinkActionBenchmark(tx.Statement.Context, tx, plan.ID, l.Measure, l.Action, false); err != nil {
			return fmt.Errorf("seeds/kpi_links.yaml: benchmark_links[%d]: %w", i, err)
		}
	}
	return nil
}

// loadKPILinks links the plan's actions to KPI series. A link already there is
// left as it is, so a target changed since (by an admin) is kept.
func loadKPILinks(tx *gorm.DB, planSlug string) error {
	f, plan, err := readLinks(tx, planSlug)
	if err != nil {
		return err
	}
	for i, l := range f.Links {
		var a models.Action
		if err := tx.Where("plan_id = ? AND number = ?", plan.ID, l.Action).Take(&a).Error; err != nil {
			return fmt.Errorf("seeds/kpi_links.yaml: kpi_links[%d]: action %q: %w", i, l.Action, err)
		}
		var n int64
		if err := tx.Model(&measure.ActionKPI{}).Joins("JOIN kpis ON kpis.id = action_kpis.kpi_id").
			Where("action_kpis.action_id = ? AND kpis.code = ?", a.ID, l.KPI).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if err := measure.LinkActionKPI(tx.Statement.Context, tx, a.ID, l.KPI, l.BaselinePeriod, l.TargetChangePct, l.Direction, l.Note); err != nil {
			return fmt.Errorf("seeds/kpi_links.yaml: kpi_links[%d]: %w", i, err)
		}
	}
	return nil
}

// readLinks reads kpi_links.yaml and finds the plan its action numbers are of.
func readLinks(tx *gorm.DB, planSlug string) (*KPILinksFile, *models.Plan, error) {
	var f KPILinksFile
	if err := yaml.Unmarshal(kpiLinksYAML, &f); err != nil {
		return nil, nil, fmt.Errorf("seeds/kpi_links.yaml: %w", err)
	}
	var plan models.Plan
	if err := tx.Where("slug = ?", planSlug).Take(&plan).Error; err != nil {
		return nil, nil, fmt.Errorf("seeds/kpi_links.yaml: plan %q: %w", planSlug, err)
	}
	return &f, &plan, nil
}
