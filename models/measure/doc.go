// Package measure holds the measures an improvement plan is judged by: the
// SENDIASS KPIs (definitions, figures and their revisions, targets and
// trajectories, feeds, exceptions, scorecards, links to actions) and the
// DfE benchmarks (measures, areas, statistical neighbours, published
// figures, their import and the comparisons drawn from them).
//
// It imports the core (sendboard/models) and models/schema, never round,
// planimport or pack; pack reads it through what it exports (KPIs, figures,
// exceptions, Standings).
package measure
