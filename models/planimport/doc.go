// Package planimport makes a plan from a spreadsheet read by models/planfile
// (preview, then import in one transaction) and writes a plan back out in the
// same layout, so an export imports back into an equal plan. It keeps an
// upload between its preview and its confirmation (the admin's only, for a
// day) and runs reads one at a time within a deadline (Gate).
//
// It imports the core (sendboard/models), models/schema and models/planfile,
// never measure, round or pack.
package planimport
