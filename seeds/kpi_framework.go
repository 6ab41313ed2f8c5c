package seeds

import (
	_ "embed"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
	"gorm.io/gorm"

	"sendboard/models/measure"
)

//go:embed kpi_framework.yaml
var kpiFrameworkYAML []byte

// KPIFrameworkFile is the shape of kpi_framework.yaml.
type KPIFrameworkFile struct {
	Source    string `yaml:"source"`
	OwnerRole string `yaml:"owner_role"`
	KPIs      map[string]struct {
		Decimals       int      `yaml:"decimals"`
		PeriodType     string   `yaml:"period_type"`
		BaselineValue  *float64 `yaml:"baseline_value"`
		BaselinePeriod string   `yaml:"baseline_period"`
	} `yaml:"kpis"`
}

// loadKPIFramework says how each seeded KPI is judged. A KPI an admin has
// already given a source is left as it is; then every KPI's newest figure is
// judged, raising the exceptions the seeded figures call for.
func loadKPIFramework(tx *gorm.DB, now time.Time) error {
	var f KPIFrameworkFile
	if err := yaml.Unmarshal(kpiFrameworkYAML, &f); err != nil {
		return fmt.Errorf("seeds/kpi_framework.yaml: %w", err)
	}
	for code, k := range f.KPIs {
		res := tx.Model(&measure.KPI{}).Where("code = ? AND source = ''", code).Updates(map[string]any{
			"decimals": k.Decimals, "period_type": k.PeriodType, "baseline_value": k.BaselineValue,
			"baseline_period": k.BaselinePeriod, "owner_role": f.OwnerRole, "source": f.Source})
		if res.Error != nil {
			return fmt.Errorf("seeds/kpi_framework.yaml: %s: %w", code, res.Error)
		}
	}
	return measure.EvaluateKPIExceptions(tx, nil, now)
}
