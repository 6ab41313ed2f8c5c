package planfile

import (
	"fmt"
	"slices"
	"strings"
)

// Kinds of column a status or RAG word is read from: a Status column (or a
// status column per review period) and a RAG column (or one per period).
const (
	KindStatus = "status"
	KindRAG    = "rag"
)

// RAGNone is a Reading's RAG when the admin says a word carries no rating,
// as against "" for "as read".
const RAGNone = "none"

// Reading is what a status or RAG word means: a status and a RAG rating,
// either "" when the word does not say.
type Reading struct {
	Status string
	RAG    string
}

// ValueKey names a word as one kind of column writes it, compared once
// normalised: "Progressing but delayed" in a RAG column.
type ValueKey struct {
	Kind string
	Text string
}

// Key is the key of cell text read from a column of kind.
func Key(kind, cell string) ValueKey {
	return ValueKey{Kind: kind, Text: normaliseWord(cell)}
}

func normaliseWord(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(strings.TrimSpace(s), ".!")), " "))
}

// wordRules are the phrases areas use, most telling first: a phrase found as
// whole words gives the status or the RAG rating.
var (
	notStartedWords = []string{"not yet started", "not started", "not begun", "yet to start", "planned", "to start"}
	completeWords   = []string{"completed", "complete", "done", "achieved", "embedded", "closed"}
	progressWords   = []string{"work in progress", "in progress", "in-progress", "inprogress", "progressing", "started",
		"on track", "ongoing", "on going", "underway", "under way"}
	redWords   = []string{"off track", "blocked", "stalled", "red"}
	amberWords = []string{"delayed", "at risk", "slipping", "behind", "amber", "yellow"}
	greenWords = []string{"on track", "green"}
	blueWords  = []string{"blue"}
)

func hasPhrase(text string, phrases []string) bool {
	for _, p := range phrases {
		if indexWord(text, p) >= 0 {
			return true
		}
	}
	return false
}

// ReadWord reads a status or RAG cell as the common words mean it, "" parts
// where it says nothing; ok is false for a word that matches nothing. A
// rating alone implies the work has started (blue: finished), and complete
// work rates blue.
func ReadWord(cell string) (r Reading, ok bool) {
	t := normaliseWord(cell)
	switch t {
	case "":
		return Reading{}, true
	case "r":
		return Reading{StatusInProgress, "red"}, true
	case "a":
		return Reading{StatusInProgress, "amber"}, true
	case "g":
		return Reading{StatusInProgress, "green"}, true
	case "b":
		return Reading{StatusComplete, "blue"}, true
	}
	switch {
	case hasPhrase(t, notStartedWords):
		r.Status = StatusNotStarted
	case hasPhrase(t, completeWords):
		r.Status, r.RAG = StatusComplete, "blue"
	case hasPhrase(t, progressWords):
		r.Status = StatusInProgress
	}
	if r.Status != StatusComplete {
		switch {
		case hasPhrase(t, redWords):
			r.RAG = "red"
		case hasPhrase(t, amberWords):
			r.RAG = "amber"
		case hasPhrase(t, greenWords):
			r.RAG = "green"
		case hasPhrase(t, blueWords):
			r.RAG, r.Status = "blue", StatusComplete
		}
	}
	if r.Status == "" && r.RAG != "" {
		r.Status = StatusInProgress
	}
	return r, r.Status != "" || r.RAG != ""
}

// ParseReading is a --value answer: a status, a RAG rating, "none" for no
// rating, or "status/rag" ("in_progress/amber").
func ParseReading(s string) (Reading, error) {
	var r Reading
	for _, part := range strings.Split(s, "/") {
		p := strings.ReplaceAll(normaliseWord(part), " ", "_")
		switch {
		case slices.Contains([]string{StatusNotStarted, StatusInProgress, StatusComplete}, p):
			r.Status = p
		case slices.Contains([]string{"red", "amber", "green", "blue", RAGNone}, p):
			r.RAG = p
		default:
			return r, fmt.Errorf("%q is neither a status (not_started, in_progress, complete) nor a RAG rating (red, amber, green, blue, none)", part)
		}
	}
	return r, nil
}

// ValueUse is one distinct status or RAG word a file uses: what it becomes
// and the rows it is on (the first MaxValueRows of them).
type ValueUse struct {
	Key      ValueKey
	Text     string // the first spelling
	Reading  Reading
	Chosen   bool // the reading was given, not read from the word
	Matched  bool
	Rows     []int
	RowCount int
	Column   string // the first column it is in
}

// MaxValueRows bounds the rows listed for one value.
const MaxValueRows = 20

// valueBook collects the values of the status and RAG columns and reads them
// with the admin's readings first.
type valueBook struct {
	given map[ValueKey]Reading
	index map[ValueKey]int
	uses  []ValueUse
	// Unknown words beyond the first MaxValues distinct ones: their first row.
	unlisted, unlistedRow int
}

// MaxValues bounds the distinct values a file may use in its status and RAG columns.
const MaxValues = 500

// read records cell, of kind, on row and gives what it means.
func (b *valueBook) read(kind, cell, column string, row int) (Reading, bool) {
	k := Key(kind, cell)
	if k.Text == "" {
		return Reading{}, true
	}
	i, seen := b.index[k]
	if !seen {
		if len(b.uses) >= MaxValues {
			r, ok := ReadWord(cell)
			if g, given := b.given[k]; given {
				r, ok = Reading{Status: cmpOr(g.Status, cmpOr(r.Status, StatusInProgress)), RAG: cmpOr(g.RAG, r.RAG)}, true
				if r.RAG == RAGNone {
					r.RAG = ""
				}
			}
			if !ok {
				if b.unlisted++; b.unlisted == 1 {
					b.unlistedRow = row
				}
			}
			return r, ok
		}
		u := ValueUse{Key: k, Text: strings.Join(strings.Fields(cell), " "), Column: column}
		auto, ok := ReadWord(cell)
		u.Reading, u.Matched = auto, ok
		if g, given := b.given[k]; given {
			u.Chosen, u.Matched = true, true
			if g.Status != "" {
				u.Reading.Status = g.Status
			}
			if g.RAG == RAGNone {
				u.Reading.RAG = ""
			} else if g.RAG != "" {
				u.Reading.RAG = g.RAG
			}
			if u.Reading.Status == "" {
				u.Reading.Status = StatusInProgress
			}
		}
		b.uses = append(b.uses, u)
		i = len(b.uses) - 1
		b.index[k] = i
	}
	u := &b.uses[i]
	u.RowCount++
	if len(u.Rows) < MaxValueRows {
		u.Rows = append(u.Rows, row)
	}
	return u.Reading, u.Matched
}

// unmatched reports each value no word matched once, with its rows.
func (b *valueBook) unmatched(ps *problems) {
	if b.unlisted > 0 {
		ps.add(b.unlistedRow, "", "the status and RAG columns use more than %d different words; %d cells beyond those hold words the importer does not know",
			MaxValues, b.unlisted)
	}
	for _, u := range b.uses {
		if u.Matched {
			continue
		}
		rows := make([]string, len(u.Rows))
		for i, r := range u.Rows {
			rows[i] = fmt.Sprint(r)
		}
		more := ""
		if u.RowCount > len(u.Rows) {
			more = fmt.Sprintf(" and %d more", u.RowCount-len(u.Rows))
		}
		what := "a status"
		if u.Key.Kind == KindRAG {
			what = "a RAG rating"
		}
		on := "row " + rows[0]
		if u.RowCount > 1 {
			on = "rows " + strings.Join(rows, ", ") + more
		}
		ps.add(u.Rows[0], u.Column, "%q is not %s the importer knows (on %s): choose what it means", u.Text, what, on)
	}
}
