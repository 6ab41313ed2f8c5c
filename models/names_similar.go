package models

import (
	"slices"
	"strings"
	"unicode"
)

// maxSimilar bounds the existing names offered beside one new name.
const maxSimilar = 3

// similarFloor is the least score worth offering.
const similarFloor = 0.5

// nameWords are a name's words, lower-cased, punctuation dropped:
// "Designated Clinical Officer (DCO)" -> designated clinical officer dco.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// minorWords are left out of initials: "Head of SEND" is HS, as written "HoS" too.
var minorWords = []string{"of", "and", "the", "for", "to", "in", "&"}

// initials are the first letters of a name's words, without minor words.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if !slices.Contains(minorWords, w) {
			b.WriteString(w[:1])
		}
	}
	return b.String()
}

// NameSimilarity scores how likely two names are spellings of one role or
// board, from 0 to 1: the same words ignoring case and punctuation (1), one
// the initials of the other ("Designated Clinical Officer" and "DCO", 0.9),
// else the share of words they have in common.
func NameSimilarity(a, b string) float64 {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	ja, jb := strings.Join(wa, ""), strings.Join(wb, "")
	switch {
	case ja == jb:
		return 1
	case len(wa) > 1 && len(wb) == 1 && initials(wa) == jb, len(wb) > 1 && len(wa) == 1 && initials(wb) == ja:
		return 0.9
	}
	// Initials of the longer name among the other's words: "Designated
	// Clinical Officer (DCO) Health" beside "DCO Health".
	if acr := initials(wa); len(acr) > 1 && slices.Contains(wb, acr) {
		return 0.8
	}
	if acr := initials(wb); len(acr) > 1 && slices.Contains(wa, acr) {
		return 0.8
	}
	common := 0
	for _, w := range wa {
		if !slices.Contains(minorWords, w) && slices.Contains(wb, w) {
			common++
		}
	}
	union := 0
	for _, ws := range [][]string{wa, wb} {
		for _, w := range ws {
			if !slices.Contains(minorWords, w) {
				union++
			}
		}
	}
	union -= common
	if union == 0 {
		return 0
	}
	return float64(common) / float64(union)
}

// SimilarLeads are the existing lead roles most like name (by their name or
// an alias), best first, at most three.
func (nm *Names) SimilarLeads(name string) []Lead {
	return similar(nm.leadList, name, func(l Lead) []string { return append([]string{l.Name}, l.AliasList()...) })
}

// SimilarBoards are the existing boards most like name, best first, at most three.
func (nm *Names) SimilarBoards(name string) []Board {
	return similar(nm.boardList, name, func(b Board) []string { return []string{b.Name} })
}

func similar[T any](list []T, name string, spellings func(T) []string) []T {
	type scored struct {
		item  T
		score float64
	}
	var best []scored
	for _, it := range list {
		s := 0.0
		for _, sp := range spellings(it) {
			s = max(s, NameSimilarity(name, sp))
		}
		if s >= similarFloor {
			best = append(best, scored{it, s})
		}
	}
	slices.SortStableFunc(best, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	out := make([]T, 0, min(len(best), maxSimilar))
	for _, b := range best[:min(len(best), maxSimilar)] {
		out = append(out, b.item)
	}
	return out
}

// SameLead makes name another spelling of lead id for this Names only, as an
// import told "use the existing lead" does.
func (nm *Names) SameLead(name string, id uint) { nm.leads[strings.ToLower(NormName(name))] = id }

// SameBoard makes name another spelling of board id for this Names only.
func (nm *Names) SameBoard(name string, id uint) { nm.boards[strings.ToLower(NormName(name))] = id }

// LeadName and BoardName are the stored names of the lead and board ids, or "".
func (nm *Names) LeadName(id uint) string {
	if i := slices.IndexFunc(nm.leadList, func(l Lead) bool { return l.ID == id }); i >= 0 {
		return nm.leadList[i].Name
	}
	return ""
}

// BoardName is the stored name of board id, or "".
func (nm *Names) BoardName(id uint) string {
	if i := slices.IndexFunc(nm.boardList, func(b Board) bool { return b.ID == id }); i >= 0 {
		return nm.boardList[i].Name
	}
	return ""
}
