// Package meeting keeps a governance board's meetings: the agenda assembled
// from what is due for the board on the day (its own actions, the highlight
// reports of the areas it governs, escalated risks, decisions required,
// sign-offs, KPI exceptions, the update round and the pack), the items an
// officer adds and the order they are taken in, and the minutes: who came,
// what was said and will be done against each item, and what the board
// decided, signed off and set. Closing a meeting locks its minutes; after
// that a change is a correction with a reason, kept and audited.
//
// It imports the core (sendboard/models) and models/decision.
package meeting
