package main

import (
	"fmt"
	"io"
	"strings"

	"sendboard/models"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// describeReading prints how the file's words were read: the review
// periods, each status and RAG word and what it becomes, the numbering, the
// renumbered references, the dates read as none, and complete work without
// a date.
func describeReading(w io.Writer, res *planimport.Result) {
	f := res.File
	if len(f.Periods) > 0 {
		hs := make([]string, len(f.Periods))
		for i, p := range f.Periods {
			hs[i] = fmt.Sprintf("%q (to %s)", p.Header, p.End)
		}
		fmt.Fprintf(w, "Review periods (%d), one progress update each: %s\n", len(f.Periods), strings.Join(hs, ", "))
	}
	if len(f.Values) > 0 {
		fmt.Fprintln(w, "Status and RAG words:")
		for _, v := range f.Values {
			fmt.Fprintf(w, "  %-6s %q -> %s (%s)\n", v.Key.Kind, v.Text, readingWords(v), rowsWord(v.RowCount))
		}
	}
	if n := f.NumberingNote(); n != "" {
		fmt.Fprintln(w, n)
	}
	for _, r := range f.Renumbered {
		fmt.Fprintf(w, "Row %d: %s renumbered %s\n", r.Row, r.From, r.To)
	}
	for _, u := range f.Undated {
		fmt.Fprintf(w, "%s: %q read as no date (%s)\n", u.Column, u.Text, rowsWord(u.RowCount))
	}
	if res.Undone > 0 {
		fmt.Fprintf(w, "%d actions marked Complete have no date completed: give one with --completed-on YYYY-MM-DD to date their completion.\n", res.Undone)
	}
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// readingWords words what a value becomes: "In progress, Amber" or "not known".
func readingWords(v planfile.ValueUse) string {
	if !v.Matched {
		return "not known: give --value " + v.Key.Kind + `:"` + v.Text + `"=READING`
	}
	s := models.StatusLabel(v.Reading.Status)
	if v.Reading.RAG != "" && !(v.Reading.RAG == "blue" && v.Reading.Status == planfile.StatusComplete) {
		s += ", " + models.RAGLabel(v.Reading.RAG)
	}
	if v.Chosen {
		s += " (as given)"
	}
	return s
}
