package planfile

import (
	"strconv"
	"strings"
	"unicode"
)

// Field is one thing a plan's column can hold.
type Field string

// The fields a column can be mapped to.
const (
	FieldRef            Field = "ref"
	FieldArea           Field = "area"
	FieldAreaCode       Field = "area_code"
	FieldAreaOwners     Field = "area_owners"
	FieldMilestone      Field = "milestone"
	FieldAim            Field = "aim"
	FieldAction         Field = "action"
	FieldImpact         Field = "impact_measure"
	FieldLead           Field = "lead"
	FieldLeadGovernance Field = "lead_governance"
	FieldSRO            Field = "sro"
	FieldBoard          Field = "board"
	FieldDue            Field = "due"
	FieldStart          Field = "start"
	FieldCompleted      Field = "completed"
	FieldStatus         Field = "status"
	FieldRAG            Field = "rag"
	FieldProgress       Field = "progress"
	FieldRetired        Field = "retired"
)

// Fields lists every field in the order a preview shows them.
var Fields = []Field{FieldRef, FieldArea, FieldAreaCode, FieldAreaOwners, FieldMilestone, FieldAim,
	FieldAction, FieldImpact, FieldLead, FieldLeadGovernance, FieldSRO, FieldBoard, FieldStart, FieldDue,
	FieldStatus, FieldRAG, FieldCompleted, FieldProgress, FieldRetired}

// Label is the field's name as a person reads it.
func (f Field) Label() string {
	switch f {
	case FieldRef:
		return "Ref"
	case FieldArea:
		return "Area"
	case FieldAreaCode:
		return "Area ref"
	case FieldAreaOwners:
		return "Area owners"
	case FieldMilestone:
		return "Milestone"
	case FieldAim:
		return "Aim"
	case FieldAction:
		return "Action"
	case FieldImpact:
		return "Impact measure"
	case FieldLead:
		return "Lead"
	case FieldLeadGovernance:
		return "Lead and governance"
	case FieldSRO:
		return "SRO"
	case FieldBoard:
		return "Board"
	case FieldDue:
		return "Due date"
	case FieldStart:
		return "Start date"
	case FieldCompleted:
		return "Date completed"
	case FieldStatus:
		return "Status"
	case FieldRAG:
		return "RAG"
	case FieldProgress:
		return "Progress"
	case FieldRetired:
		return "Retired"
	}
	return string(f)
}

// ParseField accepts a field's name ("impact_measure") or label ("Impact measure").
func ParseField(s string) (Field, bool) {
	n := normalise(s)
	for _, f := range Fields {
		if n == normalise(string(f)) || n == normalise(f.Label()) {
			return f, true
		}
	}
	return "", false
}

// synonyms are the header words areas use for each field, normalised.
var synonyms = map[Field][]string{
	FieldRef: {"ref", "reference", "no", "number", "action no", "action number", "action ref",
		"action reference", "id", "ref no", "item"},
	FieldArea: {"area", "priority", "priority area", "theme", "work stream", "workstream",
		"area for priority action", "area for improvement", "areas for improvement", "strand"},
	FieldAreaCode: {"area ref", "area no", "area number", "area code", "priority number", "priority no"},
	FieldAreaOwners: {"area owners", "area owner", "owning partner", "owning partners", "partner",
		"partners", "area partner"},
	FieldMilestone: {"milestone", "milestones", "milestone group"},
	FieldAim:       {"aim", "outcome", "aim of improvement", "intended outcome", "objective"},
	FieldAction:    {"action", "actions", "what we will do", "action description", "what will we do"},
	FieldImpact: {"impact measure", "impact measures", "success criteria", "how we will know",
		"measure of success", "measures of success", "impact", "how will we know"},
	FieldLead: {"lead", "responsible officer", "lead officer", "action owner", "owner",
		"responsible", "responsible lead", "action lead"},
	FieldLeadGovernance: {"lead and governance", "lead governance"},
	FieldSRO: {"sro", "senior responsible officer", "accountable", "accountable officer",
		"accountable lead", "senior responsible owner"},
	FieldBoard: {"board", "boards", "governance", "governance board", "governance boards",
		"reporting to", "reports to"},
	FieldDue: {"due", "due date", "by when", "timescale", "timescales", "deadline", "target date", "completion date", "when", "date",
		"end date", "end", "target", "target completion date", "due by"},
	FieldStart: {"start date", "start", "start by", "starts", "date started", "commencement date", "start month",
		"planned start", "planned start date"},
	FieldCompleted: {"date completed", "completed date", "completed on", "date of completion", "actual completion date",
		"actual completion", "date closed", "closed date", "date achieved"},
	FieldStatus:   {"status", "action status", "progress status"},
	FieldRAG:      {"rag", "r a g", "rag rating", "rag status", "rating"},
	FieldRetired:  {"retired", "retired reason", "reason retired", "withdrawn"},
	FieldProgress: {"progress", "update", "progress update", "latest update", "progress to date", "commentary"},
}

// normalise lowers a header, drops what is in brackets and any punctuation, and
// collapses spaces: "Due date (dd/mm/yyyy)" -> "due date".
func normalise(s string) string {
	var b strings.Builder
	depth := 0
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '(' || r == '[':
			depth++
			continue
		case r == ')' || r == ']':
			if depth > 0 {
				depth--
			}
			continue
		case depth > 0:
			continue
		case r == '&':
			r = ' '
			b.WriteString(" and")
		case r == '_' || r == '-' || r == '–' || r == '/':
			r = ' '
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else if unicode.IsSpace(r) {
			space = true
		}
	}
	return b.String()
}

// score says how well header h names field f: 3 for an exact synonym, 2 plus a
// fraction for a synonym the header starts with, 1 plus a fraction for one it
// contains as whole words, 0 for none. Longer synonyms win ties, so
// "Action owner" is a lead and not an action.
func score(f Field, h string) float64 {
	best := 0.0
	for _, s := range synonyms[f] {
		frac := float64(len(s)) / 1000
		switch {
		case h == s:
			return 3
		case strings.HasPrefix(h, s+" "):
			best = max(best, 2+frac)
		case strings.Contains(" "+h+" ", " "+s+" "):
			best = max(best, 1+frac)
		}
	}
	return best
}

// detect maps each field to the column whose header names it best; a column
// serves one field and a field one column.
func detect(headers []string) map[Field]int {
	type cand struct {
		f   Field
		col int
		s   float64
	}
	var cands []cand
	for col, h := range headers {
		n := normalise(h)
		if n == "" {
			continue
		}
		for _, f := range Fields {
			if s := score(f, n); s > 0 {
				cands = append(cands, cand{f, col, s})
			}
		}
	}
	out := map[Field]int{}
	usedCol := map[int]bool{}
	for len(cands) > 0 {
		bi := 0
		for i, c := range cands {
			b := cands[bi]
			if c.s > b.s || (c.s == b.s && c.col < b.col) {
				bi = i
			}
		}
		c := cands[bi]
		out[c.f], usedCol[c.col] = c.col, true
		kept := cands[:0]
		for _, o := range cands {
			if o.f != c.f && !usedCol[o.col] {
				kept = append(kept, o)
			}
		}
		cands = kept
	}
	return out
}

// findColumn is the column "#n" names (1-based), else the first column whose
// header equals h once normalised.
func findColumn(headers []string, h string) int {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(h), "#"); ok {
		if i, err := strconv.Atoi(rest); err == nil && i >= 1 && i <= len(headers) {
			return i - 1
		}
		return -1
	}
	n := normalise(h)
	for i, x := range headers {
		if normalise(x) == n {
			return i
		}
	}
	for i, x := range headers {
		if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(h)) {
			return i
		}
	}
	return -1
}
