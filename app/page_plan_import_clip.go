package app

import (
	"slices"

	"sendboard/models"
	"sendboard/models/planfile"
)

// What the import preview shows of each value, in bytes: a file's cells may
// hold up to planfile.MaxCellRunes characters each, and a preview of every
// one whole made pages of hundreds of megabytes. The import keeps them whole.
const (
	previewCell  = 300
	previewName  = 200
	previewLabel = 100
)

// clipPreview shortens what the preview shows of the file read: the sample
// actions, the problems, the columns' headers, the areas and the new names.
func clipPreview(d *planImportData) {
	for i := range d.Columns {
		d.Columns[i].Label = models.Clip(d.Columns[i].Label, previewLabel)
	}
	sample := make([]planfile.Action, len(d.Sample))
	for i, a := range d.Sample {
		a.Number, a.AreaCode = models.Clip(a.Number, previewLabel), models.Clip(a.AreaCode, previewLabel)
		a.Text, a.Aim, a.Impact = models.Clip(a.Text, previewCell), models.Clip(a.Aim, previewCell), models.Clip(a.Impact, previewCell)
		a.Progress, a.StatusText = models.Clip(a.Progress, previewCell), models.Clip(a.StatusText, previewCell)
		a.Lead, a.SRO = models.Clip(a.Lead, previewName), models.Clip(a.SRO, previewName)
		a.Boards = clipAll(a.Boards, previewName)
		sample[i] = a
	}
	d.Sample = sample
	problems := make([]planfile.Problem, len(d.Problems))
	for i, p := range d.Problems {
		p.Column, p.Message = models.Clip(p.Column, previewLabel), models.Clip(p.Message, previewCell)
		problems[i] = p
	}
	d.Problems = problems
	if r := d.Result; r != nil && r.File != nil {
		// Shown only: the result is not used once the page is rendered.
		for i := range r.File.Plan.Areas {
			a := &r.File.Plan.Areas[i]
			a.Code, a.Title = models.Clip(a.Code, previewLabel), models.Clip(a.Title, previewName)
		}
		r.NewLeads, r.NewBoards = clipAll(r.NewLeads, previewName), clipAll(r.NewBoards, previewName)
	}
}

func clipAll(ss []string, n int) []string {
	out := slices.Clone(ss)
	for i, s := range out {
		out[i] = models.Clip(s, n)
	}
	return out
}
