package main

import (
	"fmt"
	"io"
	"strings"

	"sendboard/models/planimport"
)

// sameFlags collects repeated --same-lead and --same-board NAME=EXISTING
// flags: a name the file uses that is another spelling of an existing one.
type sameFlags map[string]string

func (m sameFlags) String() string { return "" }

func (m sameFlags) Set(v string) error {
	from, to, ok := strings.Cut(v, "=")
	from, to = strings.Trim(strings.TrimSpace(from), `"`), strings.Trim(strings.TrimSpace(to), `"`)
	if !ok || from == "" || to == "" {
		return fmt.Errorf("%q is not NAME=EXISTING, such as \"Designated Clinical Officer\"=DCO", v)
	}
	m[from] = to
	return nil
}

// describeNames prints how lead cells naming several leads were read and
// the existing names like each new one, with the flag that would use them.
func describeNames(w io.Writer, res *planimport.Result) {
	for _, n := range res.Joint.Notes {
		fmt.Fprintln(w, n)
	}
	if res.Joint.More > 0 {
		fmt.Fprintf(w, "… and %d more lead cells\n", res.Joint.More)
	}
	for _, s := range res.Similar {
		if s.Chosen != "" {
			fmt.Fprintf(w, "%s %q: using the existing %q\n", strings.ToUpper(s.Kind[:1])+s.Kind[1:], s.Name, s.Chosen)
			continue
		}
		fmt.Fprintf(w, "New %s %q is like existing %s; to use one instead: --same-%s %q=%q\n",
			s.Kind, s.Name, quoteAll(s.Existing), s.Kind, s.Name, s.Existing[0])
	}
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
