// Package round runs update rounds: opening a round over a scope of actions,
// the requests, reminders on working days, the escalation and the owner's
// digest, closing it, and the mail outbox they are queued in and delivered
// from. Recording progress, which answers a round, is the core's.
//
// It imports the core (sendboard/models) and models/schema, never measure,
// planimport or pack.
package round
