// Package seeds holds the plan and SENDIASS figures transcribed from the source
// documents, embedded in the binary, and the loader that puts them in the database.
package seeds

import (
	"embed"
	"fmt"

	"go.yaml.in/yaml/v3"
)

//go:embed plan.yaml sendiass.yaml
var files embed.FS

// PlanFile is the shape of plan.yaml.
type PlanFile struct {
	Plan struct {
		Name        string `yaml:"name"`
		Slug        string `yaml:"slug"`
		Date        string `yaml:"date"`
		Type        string `yaml:"type"`
		Partnership string `yaml:"partnership"`
	} `yaml:"plan"`
	PriorityAreas []struct {
		Number int    `yaml:"number"`
		Title  string `yaml:"title"`
	} `yaml:"priority_areas"`
	Milestones []struct {
		Section int    `yaml:"section"`
		Label   string `yaml:"label"`
		Due     string `yaml:"due"`
	} `yaml:"milestones"`
	Boards []struct {
		Name string `yaml:"name"`
	} `yaml:"boards"`
	Leads []struct {
		Name    string   `yaml:"name"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"leads"`
	Actions []SeedAction `yaml:"actions"`
}

// SeedAction is one action row as transcribed.
type SeedAction struct {
	Number            string   `yaml:"number"`
	Section           int      `yaml:"section"`
	Aim               string   `yaml:"aim"`
	Action            string   `yaml:"action"`
	PriorityArea      int      `yaml:"priority_area"`
	ImpactMeasure     string   `yaml:"impact_measure"`
	LeadAndGovernance string   `yaml:"lead_and_governance"`
	Lead              string   `yaml:"lead"`
	Boards            []string `yaml:"boards"`
	Progress          string   `yaml:"progress"`
	Status            string   `yaml:"status"`
}

// KPIFile is the shape of sendiass.yaml.
type KPIFile struct {
	Source string    `yaml:"source"`
	KPIs   []SeedKPI `yaml:"kpis"`
}

// SeedKPI is one KPI definition with its figures.
type SeedKPI struct {
	Code        string   `yaml:"code"`
	Name        string   `yaml:"name"`
	Unit        string   `yaml:"unit"`
	Frequency   string   `yaml:"frequency"`
	Direction   string   `yaml:"direction"`
	TargetMin   *float64 `yaml:"target_min"`
	TargetMax   *float64 `yaml:"target_max"`
	TargetText  string   `yaml:"target_text"`
	Description string   `yaml:"description"`
	Figures     []struct {
		Period     string  `yaml:"period"`
		Value      float64 `yaml:"value"`
		Commentary string  `yaml:"commentary"`
	} `yaml:"figures"`
}

// ReadPlan parses the embedded plan.yaml.
func ReadPlan() (*PlanFile, error) {
	var p PlanFile
	if err := decode("plan.yaml", &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ReadKPIs parses the embedded sendiass.yaml.
func ReadKPIs() (*KPIFile, error) {
	var k KPIFile
	if err := decode("sendiass.yaml", &k); err != nil {
		return nil, err
	}
	return &k, nil
}

func decode(name string, v any) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("seeds/%s: %w", name, err)
	}
	return nil
}
