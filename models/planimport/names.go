package planimport

import (
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// maxSimilar bounds the new names the preview offers existing ones for.
const maxSimilar = 100

// sameNames are the names the admin said are other spellings of existing
// leads and boards: lower-cased name -> the existing one's stored name.
type sameNames struct {
	leads, boards map[string]string
	spelt         map[string]string // lower-cased name -> as the request spelt it
}

// Similar is a name the file uses beside the existing ones it may be another
// spelling of, for the admin to choose between "use existing" and "create new".
type Similar struct {
	Kind     string   // "lead" or "board"
	Name     string   // as the file spells it
	Existing []string // existing names, most alike first
	Chosen   string   // the existing name chosen, "" to create it
}

func sameKey(n string) string { return strings.ToLower(models.NormName(n)) }

// sameNamesOf checks the request's "same as" choices against the existing
// names and teaches them to nm, so the names are no longer new.
func sameNamesOf(nm *models.Names, in Request) (sameNames, error) {
	s := sameNames{leads: map[string]string{}, boards: map[string]string{}, spelt: map[string]string{}}
	for _, from := range sortedKeys(in.SameLead) {
		to := in.SameLead[from]
		id := nm.Lead(models.NormName(to))
		if models.NormName(from) == "" || id == 0 {
			return s, models.Invalid("same_lead", "%q is not an existing lead role to use for %q", to, from)
		}
		nm.SameLead(from, id)
		s.leads[sameKey(from)], s.spelt[sameKey(from)] = nm.LeadName(id), models.NormName(from)
	}
	for _, from := range sortedKeys(in.SameBoard) {
		to := in.SameBoard[from]
		id := nm.Board(models.NormName(to))
		if models.NormName(from) == "" || id == 0 {
			return s, models.Invalid("same_board", "%q is not an existing board to use for %q", to, from)
		}
		nm.SameBoard(from, id)
		s.boards[sameKey(from)], s.spelt[sameKey(from)] = nm.BoardName(id), models.NormName(from)
	}
	return s, nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// similarNames lists each new lead and board name that has existing names
// like it, and each name already said to be an existing one, with its choice.
func similarNames(nm *models.Names, same sameNames, newLeads, newBoards []string) []Similar {
	var out []Similar
	add := func(kind, name, chosen string, existing []string) {
		if len(out) < maxSimilar && (len(existing) > 0 || chosen != "") {
			if chosen != "" && !slices.Contains(existing, chosen) {
				existing = append([]string{chosen}, existing...)
			}
			out = append(out, Similar{Kind: kind, Name: name, Existing: existing, Chosen: chosen})
		}
	}
	leadNames := func(ls []models.Lead) []string {
		out := make([]string, len(ls))
		for i, l := range ls {
			out[i] = l.Name
		}
		return out
	}
	boardNames := func(bs []models.Board) []string {
		out := make([]string, len(bs))
		for i, b := range bs {
			out[i] = b.Name
		}
		return out
	}
	for _, n := range newLeads {
		add("lead", n, "", leadNames(nm.SimilarLeads(n)))
	}
	for _, n := range newBoards {
		add("board", n, "", boardNames(nm.SimilarBoards(n)))
	}
	for _, n := range sortedKeys(same.leads) {
		add("lead", same.spelt[n], same.leads[n], leadNames(nm.SimilarLeads(n)))
	}
	for _, n := range sortedKeys(same.boards) {
		add("board", same.spelt[n], same.boards[n], boardNames(nm.SimilarBoards(n)))
	}
	return out
}

// chosenNames gives an action row its leads (a split cell's parts) and puts
// the existing name in place of every name the admin said is one, so the
// import links the action to it and creates nothing. Lead keeps the cell as
// written.
func (r *Result) chosenNames(ia *actionRow) {
	leads := slices.Clone(r.Joint.Of(ia.Lead))
	if leads == nil && ia.Lead != "" {
		leads = []string{ia.Lead}
	}
	changed := len(leads) > 1
	for i, n := range leads {
		if to, ok := r.Same.leads[sameKey(n)]; ok {
			leads[i], changed = to, true
		}
	}
	if changed {
		ia.Leads = leads
	}
	if to, ok := r.Same.leads[sameKey(ia.SRO)]; ok {
		ia.SRO = to
	}
	ia.Boards = slices.Clone(ia.Boards)
	for i, b := range ia.Boards {
		if to, ok := r.Same.boards[sameKey(b)]; ok {
			ia.Boards[i] = to
		}
	}
}

// auditSame records, with the import, each name the admin said is an
// existing lead or board.
func auditSame(tx *gorm.DB, actor *models.User, res *Result, now time.Time) error {
	if len(res.Same.leads)+len(res.Same.boards) == 0 || res.Plan == nil {
		return nil
	}
	au := models.NewAuditor(actor, "plan_import_names", "plan", &res.Plan.ID, nil, now)
	for _, n := range sortedKeys(res.Same.leads) {
		au.Note("same_lead", res.Same.spelt[n], res.Same.leads[n])
	}
	for _, n := range sortedKeys(res.Same.boards) {
		au.Note("same_board", res.Same.spelt[n], res.Same.boards[n])
	}
	return au.Save(tx)
}
