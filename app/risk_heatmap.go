package app

import (
	"sendboard/app/riskmap"
	"sendboard/models/risk"
)

// heatMap is the register's 5 × 5 grid of open risks.
type heatMap = riskmap.HeatMap

// riskHeatMap counts the open risks in list by likelihood and impact and
// draws the grid; the table beside it links each square to the register
// filtered to it.
func riskHeatMap(list []risk.Risk, threshold int) heatMap { return riskmap.FromRisks(list, threshold) }
