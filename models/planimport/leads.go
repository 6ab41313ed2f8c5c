package planimport

import (
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/planfile"
)

// maxLeadNotes bounds the lead cells the preview lists.
const maxLeadNotes = 100

// jointLeads is how an import read the lead cells naming several leads.
type jointLeads struct {
	byCell map[string][]string // lower-cased cell -> its leads, for cells read as several
	// Notes say, for the preview, which cells were read as several leads
	// and which were kept whole because a part is not a known lead; the
	// first maxLeadNotes, with More beyond them.
	Notes []string
	More  int
}

// Of is the leads of a lead cell: its parts when it was read as several,
// else nil.
func (j jointLeads) Of(cell string) []string { return j.byCell[strings.ToLower(cell)] }

// splitLeadCells reads each lead cell that names several leads ("LA and
// ICB") as those leads when every part is a known lead: a lead role or alias
// nm knows, or a lead or SRO cell of its own elsewhere in the file. A cell
// that is itself a known lead is never split, and one with an unknown part is
// kept as one lead; the notes say which.
func splitLeadCells(f *planfile.Result, nm *models.Names) jointLeads {
	j := jointLeads{byCell: map[string][]string{}}
	inFile := map[string]bool{}
	for _, a := range f.Plan.Actions {
		for _, n := range []string{a.Lead, a.SRO} {
			if n != "" && planfile.SplitLeadCell(n) == nil {
				inFile[strings.ToLower(n)] = true
			}
		}
	}
	seen := map[string]bool{}
	for _, a := range f.Plan.Actions {
		key := strings.ToLower(a.Lead)
		if a.Lead == "" || seen[key] || nm.Lead(a.Lead) != 0 {
			continue
		}
		seen[key] = true
		parts := planfile.SplitLeadCell(a.Lead)
		if parts == nil {
			continue
		}
		var unknown []string
		for _, p := range parts {
			if nm.Lead(p) == 0 && !inFile[strings.ToLower(p)] {
				unknown = append(unknown, fmt.Sprintf("%q", p))
			}
		}
		note := fmt.Sprintf("Row %d: lead %q read as %d leads: %s", a.Row, a.Lead, len(parts), strings.Join(parts, "; "))
		if len(unknown) > 0 {
			note = fmt.Sprintf("Row %d: lead %q kept as one lead, because %s %s not a known lead or another lead in the file",
				a.Row, a.Lead, strings.Join(unknown, " and "), map[bool]string{true: "is", false: "are"}[len(unknown) == 1])
		} else {
			j.byCell[key] = parts
		}
		if len(j.Notes) < maxLeadNotes {
			j.Notes = append(j.Notes, note)
		} else {
			j.More++
		}
	}
	return j
}

// leadNames are the lead and SRO names the file uses, each split cell as
// its parts, for matching against the known leads.
func (r *Result) leadNames() []string {
	var out []string
	for _, n := range r.File.Leads {
		if parts := r.Joint.Of(n); parts != nil {
			out = append(out, parts...)
		} else {
			out = append(out, n)
		}
	}
	return out
}

// rowLeads are the leads of an action row: its Leads, or its Lead alone.
func (ia actionRow) rowLeads() []string {
	if len(ia.Leads) > 0 {
		return ia.Leads
	}
	if ia.Lead == "" {
		return nil
	}
	return []string{ia.Lead}
}

// firstLead is the lead that becomes the action's lead_id.
func (ia actionRow) firstLead() string {
	if ls := ia.rowLeads(); len(ls) > 0 {
		return ls[0]
	}
	return ""
}

// insertJointLeads gives each imported action with several leads all of
// them, in order; the first is already its lead (see importedAction).
func insertJointLeads(tx *gorm.DB, nm *models.Names, rows []actionRow, acts []models.Action) error {
	var links []models.ActionLead
	for i, ia := range rows {
		ls := ia.rowLeads()
		if len(ls) < 2 {
			continue
		}
		var ids []uint
		for _, n := range ls {
			if id := nm.Lead(n); id != 0 && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		for p, id := range ids[min(1, len(ids)):] {
			links = append(links, models.ActionLead{ActionID: acts[i].ID, LeadID: id, Position: p + 1})
		}
	}
	if len(links) == 0 {
		return nil
	}
	return tx.CreateInBatches(&links, models.InsertBatch(tx)).Error
}

// planJointLeads names the leads of each of a plan's actions with more than
// one, in order, in one statement.
func planJointLeads(db *gorm.DB, planID uint) (map[uint][]string, error) {
	var rows []struct {
		ActionID uint
		Name     string
	}
	err := db.Raw(`SELECT al.action_id, l.name FROM action_leads al JOIN leads l ON l.id = al.lead_id
		WHERE al.action_id IN (SELECT action_id FROM action_leads WHERE action_id IN (SELECT id FROM actions WHERE plan_id = ?)
			GROUP BY action_id HAVING COUNT(*) > 1)
		ORDER BY al.action_id, al.position`, planID).Scan(&rows).Error
	out := map[uint][]string{}
	for _, r := range rows {
		out[r.ActionID] = append(out[r.ActionID], r.Name)
	}
	return out, err
}
