package meeting

import (
	"slices"
	"testing"
)

func keys(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key()
	}
	return out
}

func at(n int) *int { return &n }

// TestMergeKeepsOrderAndNotes: with nothing stored the agenda is in order of
// kind; a stored order is followed, something newly due falls in after the
// item before it, a stored item no longer due keeps its place and note, and
// an added item goes where it was put.
func TestMergeKeepsOrderAndNotes(t *testing.T) {
	due := []Item{{Kind: KindApologies, Ref: "0"}, {Kind: KindBoardAction, Ref: "4"}, {Kind: KindRisk, Ref: "7"}, {Kind: KindRisk, Ref: "9"}, {Kind: KindRound, Ref: "2"}}
	if got := keys(merge(due, nil)); !slices.Equal(got, []string{"apologies-0", "board_action-4", "risk-7", "risk-9", "round-2"}) {
		t.Errorf("nothing stored: %v", got)
	}
	stored := []StoredItem{
		{Kind: KindApologies, Ref: "0", Position: at(1), Note: "Ŵ noted"},
		{Kind: KindRound, Ref: "2", Position: at(2)},
		{Kind: KindBoardAction, Ref: "4", Position: at(3)},
		{Kind: KindRisk, Ref: "7", Position: at(4)},
		{Kind: KindDecision, Ref: "5", Position: at(5), Title: "Decided at the meeting → Ł", Note: "Agreed"},
		{Kind: KindAdded, Ref: "11", Position: at(6), Title: "Any other business"},
	}
	got := merge(due, stored)
	want := []string{"apologies-0", "round-2", "board_action-4", "risk-7", "risk-9", "decision-5", "item-11"}
	if !slices.Equal(keys(got), want) {
		t.Fatalf("stored order: %v, want %v", keys(got), want)
	}
	if got[0].Note != "Ŵ noted" || got[5].Note != "Agreed" || got[5].Title != "Decided at the meeting → Ł" || !got[5].Stored || got[4].Stored {
		t.Errorf("notes and titles: %+v", got)
	}
}
