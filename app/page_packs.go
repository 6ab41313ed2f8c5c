package app

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/app/pack"
	"sendboard/models"
	"sendboard/models/meeting"
	packs "sendboard/models/pack"
)

// packQuarterChoices bounds the quarter picker.
const packQuarterChoices = 40

// packsData feeds the packs page: the pickers, an optional preview, the pack
// just stored and the list of stored packs.
type packsData struct {
	Boards    []models.Board
	Plans     []models.Plan
	Quarters  []string // newest first
	Board     string   // selected board slug, or "all"
	BoardName string
	Plan      string // selected plan slug; "" for every plan the board governs (the default plan for "all")
	Quarter   string
	Preview   template.HTML
	Stored    *packs.Stored // the pack just generated, if any
	Packs     []packs.Stored
	CanMake   bool
	CanPDF    bool              // Chromium is installed, so packs are made as PDF too
	Errors    map[string]string // field ("board" or "quarter") -> message
	// Meeting is the board meeting the pack is to be made for (0 for none),
	// MeetingDate its date once found.
	Meeting     uint
	MeetingDate string
}

// ErrorSummary lists the form's problems, linked to the fields of the same id.
func (d packsData) ErrorSummary() errorSummary {
	return summaryOf(d.Errors, []string{"meeting", "board", "plan", "quarter"}, prefixed(""))
}

// FileName is the download name of one of a stored pack's files.
func (d packsData) FileName(sp packs.Stored, format string) string {
	return pack.FileName(sp.BoardKey, sp.Quarter, sp.Version, format)
}

// FormatName is how the download links name a format; the HTML rendering is
// offered as the accessible version.
func (d packsData) FormatName(format string) string {
	if format == packs.HTML {
		return "HTML, accessible version"
	}
	return strings.ToUpper(format)
}

// Download says whether a format's link saves the file (PDF, XLSX) rather
// than opening it in the browser (HTML).
func (d packsData) Download(format string) bool { return format != packs.HTML }

// Missing names the formats a stored pack was made without ("PDF"), from
// its Formats, for the packs made where Chromium was not installed.
func (d packsData) Missing(formats string) string {
	sp := packs.Stored{Formats: formats}
	var out []string
	for _, f := range packs.Formats {
		if !sp.Has(f) {
			out = append(out, strings.ToUpper(f))
		}
	}
	return strings.Join(out, ", ")
}

// PlansOf names the plans a stored pack covers.
func (d packsData) PlansOf(sp packs.Stored) string {
	return strings.ReplaceAll(sp.PlanNames, "\n", "; ")
}

// FileSize is a stored file's size as GOV.UK attachment links give it:
// "37 KB", "1.2 MB" (1 KB = 1,024 bytes; never "0 KB").
func (d packsData) FileSize(n int) string {
	const kb = 1024
	switch {
	case n < kb*1000:
		return strconv.Itoa(max(1, (n+kb/2)/kb)) + " KB"
	default:
		return strconv.FormatFloat(float64(n)/(kb*kb), 'f', 1, 64) + " MB"
	}
}

func (a *App) packsPage(c echo.Context) error {
	o := pack.Order{Board: c.QueryParam("board"), Plan: c.QueryParam("plan"), Quarter: c.QueryParam("quarter"), MeetingID: meetingParam(c.QueryParam("meeting"))}
	return a.renderPacks(c, o, c.QueryParam("preview") != "", nil)
}

// renderPacks shows the packs page with board, plan and quarter selected. A
// field error (an unknown board or plan, a malformed quarter) from the
// preview or from generating is shown next to its picker with the choice
// kept, and answers 400.
func (a *App) renderPacks(c echo.Context, o pack.Order, preview bool, fieldErr *models.InvalidError) error {
	ctx := c.Request().Context()
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return err
	}
	d := packsData{Boards: ref.Boards, Board: o.Board, Plan: o.Plan, Quarter: o.Quarter, CanMake: currentUser(c).AtLeast(models.RoleBoard),
		CanPDF: a.Printer != nil, Meeting: o.MeetingID}
	if d.Meeting != 0 {
		if m, err := meeting.Find(ctx, a.DB, d.Meeting); err == nil {
			d.MeetingDate = m.Date
		} else if !errors.Is(err, models.ErrNotFound) {
			return err
		}
	}
	if d.Plans, err = models.AllPlans(ctx, a.DB); err != nil {
		return err
	}
	first := ref.Plan.Starts()
	for _, p := range d.Plans {
		if p.Starts().Before(first) {
			first = p.Starts()
		}
	}
	d.Quarters = quarterChoices(models.QuarterOf(first), models.QuarterOf(a.Now().In(a.Config.Location())))
	if d.Quarter == "" && len(d.Quarters) > 1 {
		d.Quarter = d.Quarters[1] // the last complete quarter
	}
	if d.Board == "" {
		d.Board = models.WholePlan
		// A board member who may not make the whole plan's pack starts from their own board's.
		if u := currentUser(c); len(u.Boards) > 0 && models.MayGeneratePack(ctx, a.DB, u, models.WholePlan, d.Plan) != nil {
			d.Board = u.Boards[0].Slug
		}
	}
	d.BoardName = models.WholePlanName
	if b, ok := ref.BoardBySlug(d.Board); ok {
		d.BoardName = b.Name
	} else if d.Board != models.WholePlan {
		d.BoardName = d.Board
	}
	if preview && fieldErr == nil {
		o.Board, o.Quarter = d.Board, d.Quarter
		if d.Preview, err = a.previewPack(ctx, o, currentUser(c).Name); err != nil {
			fieldErr = asPackFieldError(err)
			if fieldErr == nil {
				return err
			}
		}
	}
	status := http.StatusOK
	if fieldErr != nil {
		status, d.Errors = http.StatusBadRequest, map[string]string{fieldErr.Field: fieldErr.Message}
	}
	if d.Packs, err = packs.ListStored(ctx, a.DB, 100); err != nil {
		return err
	}
	v := a.view(c, "Governance packs", "packs")
	if id, _ := strconv.ParseUint(c.QueryParam("stored"), 10, 64); id > 0 {
		for i := range d.Packs {
			if d.Packs[i].ID == uint(id) {
				d.Stored = &d.Packs[i]
				v.Flash = "Pack stored: " + d.Stored.BoardName + ", " + d.Stored.Quarter + ", version " + strconv.Itoa(d.Stored.Version) + "."
			}
		}
	}
	v.PlanName, v.Data = ref.Plan.Name, d
	return c.Render(status, "packs", v)
}

func (a *App) previewPack(ctx context.Context, o pack.Order, byName string) (template.HTML, error) {
	p, err := a.Packs().Make(ctx, o, byName)
	if err != nil {
		return "", err
	}
	return pack.HTMLBody(p)
}

// meetingParam reads the meeting a pack is for from a form or query value;
// anything but a positive number is no meeting.
func meetingParam(s string) uint {
	id, err := strconv.ParseUint(strings.TrimSpace(s), 10, 32)
	if err != nil {
		return 0
	}
	return uint(id)
}

// asPackFieldError picks out the errors that belong next to the board, plan
// or quarter picker; anything else goes to the ordinary error page.
func asPackFieldError(err error) *models.InvalidError {
	var ie *models.InvalidError
	if errors.As(err, &ie) && (ie.Field == "board" || ie.Field == "quarter" || ie.Field == "plan" || ie.Field == "meeting") {
		return ie
	}
	return nil
}

// QuarterListed reports whether the selected quarter is one of the choices, so
// the page can keep an off-list choice (typed into the URL) selected.
func (d packsData) QuarterListed() bool {
	return d.Quarter == "" || slices.Contains(d.Quarters, d.Quarter)
}

// PlanListed reports whether the selected plan is "every plan" or a known plan.
func (d packsData) PlanListed() bool {
	return d.Plan == "" || slices.ContainsFunc(d.Plans, func(p models.Plan) bool { return p.Slug == d.Plan })
}

// BoardListed reports whether the selected board is the whole plan or a known board.
func (d packsData) BoardListed() bool {
	return d.Board == models.WholePlan || slices.ContainsFunc(d.Boards, func(b models.Board) bool { return b.Slug == d.Board })
}

// quarterChoices lists the quarters from last back to first, newest first, at
// most packQuarterChoices of them.
func quarterChoices(first, last models.Period) []string {
	var out []string
	for q := last; q.SortKey() >= first.SortKey() && len(out) < packQuarterChoices; q = q.Prev() {
		out = append(out, q.String())
	}
	return out
}

// packGenerate answers the packs form: Preview shows the chosen pack (as a
// GET, so the preview has its own address), anything else stores a new
// version of the chosen pack (board role, checked on the route and again in
// pack.Generator.Generate). The page it leads to keeps the board and quarter chosen.
func (a *App) packGenerate(c echo.Context) error {
	o := pack.Order{Board: c.FormValue("board"), Plan: c.FormValue("plan"), Quarter: c.FormValue("quarter"), MeetingID: meetingParam(c.FormValue("meeting"))}
	if c.FormValue("preview") != "" {
		q := url.Values{"board": {o.Board}, "quarter": {o.Quarter}, "preview": {"1"}}
		if o.Plan != "" {
			q.Set("plan", o.Plan)
		}
		if o.MeetingID != 0 {
			q.Set("meeting", strconv.FormatUint(uint64(o.MeetingID), 10))
		}
		return c.Redirect(http.StatusSeeOther, "/packs?"+q.Encode())
	}
	sp, err := a.Packs().Generate(c.Request().Context(), o, currentUser(c), nil)
	if ie := asPackFieldError(err); ie != nil {
		return a.renderPacks(c, o, false, ie)
	}
	if err != nil {
		return err
	}
	q := url.Values{"board": {sp.BoardKey}, "quarter": {sp.Quarter}, "stored": {strconv.FormatUint(uint64(sp.ID), 10)}}
	if o.Plan != "" {
		q.Set("plan", o.Plan)
	}
	if o.MeetingID != 0 {
		q.Set("meeting", strconv.FormatUint(uint64(o.MeetingID), 10))
	}
	return c.Redirect(http.StatusSeeOther, "/packs?"+q.Encode())
}

// packDownload sends one stored rendering exactly as it was stored, with its
// SHA-256 in a header so the recipient can check it: the HTML to read in the
// browser, the PDF and XLSX to save.
func (a *App) packDownload(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		return models.ErrNotFound
	}
	format := strings.TrimPrefix(c.Param("format"), ".")
	sp, f, err := packs.FindFile(c.Request().Context(), a.DB, uint(id), format)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	disposition := "attachment"
	if f.Format == packs.HTML {
		// The accessible version opens in the browser. Its stylesheet is
		// inline, so this document alone may use inline styles; it has no
		// script and may run none (sandbox, nothing but data: images).
		disposition = "inline"
		h.Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox")
	}
	h.Set("Content-Disposition", disposition+`; filename="`+pack.FileName(sp.BoardKey, sp.Quarter, sp.Version, f.Format)+`"`)
	h.Set("X-Content-SHA256", f.SHA256)
	return c.Blob(http.StatusOK, f.ContentType, f.Content)
}

// packCSS serves the pack's stylesheet for the preview.
func (a *App) packCSS(c echo.Context) error {
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(pack.CSS()))
}
