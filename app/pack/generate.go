package pack

import (
	"context"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	packs "sendboard/models/pack"
)

// JobAuthor attributes packs the scheduled job stores.
const JobAuthor = "Scheduled job"

// Order says which pack to make: a board (slug, name or "all"), an optional
// plan slug ("" for every plan the board governs, or the default plan for
// "all"), a quarter ("2024-25 Q4") and the update round it is made from, if
// any.
type Order struct {
	Board, Plan, Quarter string
	RoundID              uint
	MeetingID            uint // the board meeting the pack is made for, if any
}

// Generator makes packs and stores them, for the pages, the API, the
// command line and the scheduled job alike.
type Generator struct {
	DB     *gorm.DB
	Now    func() time.Time
	LACode int // the area's DfE number, for the benchmarks part
	// Printer makes the PDF; nil where Chromium is not installed, and then
	// packs are stored as HTML and XLSX only.
	Printer *Printer
}

// Make builds the pack o asks for as of now, attributed to byName.
func (g *Generator) Make(ctx context.Context, o Order, byName string) (*packs.Pack, error) {
	q, err := packs.ParseQuarter(o.Quarter)
	if err != nil {
		return nil, err
	}
	p, err := packs.Build(ctx, g.DB, packs.Request{Board: o.Board, Plan: o.Plan, Quarter: q,
		RoundID: o.RoundID, MeetingID: o.MeetingID, LA: g.LACode}, g.Now().UTC())
	if err != nil {
		return nil, err
	}
	p.GeneratedBy = byName
	return p, nil
}

// Generate builds, renders and stores a new version of a pack. user is the
// board member asking (nil for the scheduled job); the role is checked here as
// well as on the route, so every caller is held to it.
func (g *Generator) Generate(ctx context.Context, o Order, user *models.User, progress Progress) (*packs.Stored, error) {
	byName := JobAuthor
	if user != nil {
		if err := models.MayGeneratePack(ctx, g.DB, user, o.Board, o.Plan); err != nil {
			return nil, err
		}
		byName = user.Name
	}
	p, err := g.Make(ctx, o, byName)
	if err != nil {
		return nil, err
	}
	files, err := RenderAll(ctx, p, g.Printer, progress)
	if err != nil {
		return nil, err
	}
	return packs.Save(ctx, g.DB, p, user, byName, files)
}
