package models

// PackRound is the update round a pack was made from, with its figures as
// they stood when the pack was made.
type PackRound struct {
	ID                  uint
	BoardName           string // "" for a round over the whole plan
	Due                 string // YYYY-MM-DD
	Meeting             string // YYYY-MM-DD, "" when not set
	Requested, Answered int
}
