// Package risk keeps each plan's register of risks and issues: their owner,
// likelihood, impact and score, the actions they threaten, the history of
// every change of score, owner, status or kind, who may write them, their
// escalation to the boards that govern them and the review-by exceptions.
//
// It imports the core (sendboard/models) and models/schema, never measure,
// round, planimport or pack.
package risk
