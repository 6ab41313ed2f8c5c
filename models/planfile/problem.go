package planfile

import (
	"fmt"
	"strings"
)

// MaxProblems is how many problems a report lists; the rest are counted.
const MaxProblems = 100

// Problem is one thing wrong with the file: where (a spreadsheet row as the
// sheet numbers it, and the column's header) and why.
type Problem struct {
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	switch {
	case p.Row > 0 && p.Column != "":
		return fmt.Sprintf("row %d, %s: %s", p.Row, p.Column, p.Message)
	case p.Row > 0:
		return fmt.Sprintf("row %d: %s", p.Row, p.Message)
	case p.Column != "":
		return p.Column + ": " + p.Message
	}
	return p.Message
}

// Error lists the first MaxProblems problems of a file and counts them all; a
// file with any imports not at all.
type Error struct {
	Problems []Problem
	Total    int
}

func (e *Error) Error() string {
	var b strings.Builder
	noun := "problems"
	if e.Total == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "%d %s in the file, nothing imported:", e.Total, noun)
	for _, p := range e.Problems {
		b.WriteString("\n" + p.String())
	}
	if more := e.Total - len(e.Problems); more > 0 {
		fmt.Fprintf(&b, "\n… and %d more", more)
	}
	return b.String()
}

// problems collects problems, keeping the first MaxProblems.
type problems struct {
	list  []Problem
	total int
}

func (ps *problems) add(row int, column, format string, args ...any) {
	ps.total++
	if len(ps.list) < MaxProblems {
		ps.list = append(ps.list, Problem{Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
	}
}
