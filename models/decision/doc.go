// Package decision keeps what a governance board decides and what it asks of
// itself: decisions raised for a meeting, decided with a minute or withdrawn,
// and the board's own actions, carried from meeting to meeting until done.
//
// It imports the core (sendboard/models) and models/schema, nothing else.
package decision
