package models

import (
	"strings"
)

// RAG ratings; blue means complete.
var RAGs = []string{"red", "amber", "green", "blue"}

// RAGLabel is the human wording of a RAG rating.
func RAGLabel(r string) string {
	switch r {
	case "":
		return "Not rated"
	case "blue":
		return "Blue (complete)"
	}
	return strings.ToUpper(r[:1]) + r[1:]
}
