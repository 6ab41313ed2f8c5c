package planfile

import (
	"strings"
	"testing"
)

// TestParseRefusesControlCharactersInNames: a lead, SRO or board name with an
// escape code (or any other control character a spreadsheet cell can hold
// beyond the line breaks and tabs that fold into spaces) is a problem naming
// the row and column; a cell wrapped over two lines is still one name.
func TestParseRefusesControlCharactersInNames(t *testing.T) {
	t.Parallel()
	csv := "Ref,Action,Lead,SRO,Board\n" +
		"1.1,Train staff,\"DCO\nHealth\",,SEND Improvement Board\n" +
		"1.2,Write guide,Head of SEND\x1b[2J,,\n" +
		"1.3,Audit plans,DCO,Director\x07,\n" +
		"1.4,Review,DCO,,Schools Forum\u202e\n"
	res, err := Parse([]byte(csv), Options{})
	if err != nil {
		t.Fatal(err)
	}
	msg := res.Err().Error()
	for _, want := range []string{"row 3, Lead: the name \"Head of SEND\\x1b[2J\" contains a control character (U+001B)",
		"row 4, SRO:", "row 5, Board:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems lack %q:\n%s", want, msg)
		}
	}
	if res.ProblemCount != 3 {
		t.Errorf("%d problems, want 3 (the wrapped cell on row 2 is a name):\n%s", res.ProblemCount, msg)
	}
}
