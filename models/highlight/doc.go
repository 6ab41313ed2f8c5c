// Package highlight builds an area's highlight report for a reporting period
// (a financial quarter): the RAG its SRO gives it with the reason, the
// forecast, progress since the last report, next steps, top risks and
// issues, decisions required, KPI movement, slippage and counts by status.
// The figures are computed from the plan's history as it stood at the
// period's end, so a past report reads as it did then; only what people
// write is stored.
package highlight
