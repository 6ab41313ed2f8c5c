package app

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/app/pack"
	"sendboard/models"
)

// packQuarterChoices bounds the quarter picker.
const packQuarterChoices = 40

// packsData feeds the packs page: the pickers, an optional preview, the pack
// just stored and the list of stored packs.
type packsData struct {
	Boards    []models.Board
	Quarters  []string // newest first
	Board     string   // selected board slug, or "all"
	BoardName string
	Quarter   string
	Preview   template.HTML
	Stored    *models.StoredPack // the pack just generated, if any
	Packs     []models.StoredPack
	CanMake   bool
}

// FileName is the download name of one of a stored pack's files.
func (d packsData) FileName(sp models.StoredPack, format string) string {
	return pack.FileName(sp.BoardKey, sp.Quarter, sp.Version, format)
}

func (a *App) packsPage(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return err
	}
	d := packsData{Boards: ref.Boards, Board: c.QueryParam("board"), Quarter: c.QueryParam("quarter"),
		CanMake: currentUser(c).AtLeast(models.RoleBoard)}
	d.Quarters = quarterChoices(models.QuarterOf(ref.Plan.Date), models.QuarterOf(a.Now().In(a.Config.Location())))
	if d.Quarter == "" && len(d.Quarters) > 1 {
		d.Quarter = d.Quarters[1] // the last complete quarter
	}
	if d.Board == "" {
		d.Board = models.WholePlan
	}
	d.BoardName = models.WholePlanName
	if b, ok := ref.BoardBySlug(d.Board); ok {
		d.BoardName = b.Name
	}
	if c.QueryParam("preview") != "" {
		p, err := a.MakePack(ctx, d.Board, d.Quarter, currentUser(c).Name)
		if err != nil {
			return err
		}
		if d.Preview, err = pack.HTMLBody(p); err != nil {
			return err
		}
	}
	if d.Packs, err = models.ListStoredPacks(ctx, a.DB, 100); err != nil {
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
	return c.Render(http.StatusOK, "packs", v)
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

// packGenerate stores a new version of the chosen pack (board role, checked
// on the route and again in GeneratePack) and shows it with its downloads.
func (a *App) packGenerate(c echo.Context) error {
	sp, err := a.GeneratePack(c.Request().Context(), c.FormValue("board"), c.FormValue("quarter"), currentUser(c), nil)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/packs?stored="+strconv.FormatUint(uint64(sp.ID), 10))
}

// packDownload sends one stored rendering exactly as it was stored, with its
// SHA-256 in a header so the recipient can check it.
func (a *App) packDownload(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		return models.ErrNotFound
	}
	format := strings.TrimPrefix(c.Param("format"), ".")
	sp, f, err := models.FindPackFile(c.Request().Context(), a.DB, uint(id), format)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", `attachment; filename="`+pack.FileName(sp.BoardKey, sp.Quarter, sp.Version, f.Format)+`"`)
	h.Set("X-Content-SHA256", f.SHA256)
	h.Set("Cache-Control", "private, max-age=31536000, immutable") // a stored pack never changes
	return c.Blob(http.StatusOK, f.ContentType, f.Content)
}

// packCSS serves the pack's stylesheet for the preview.
func (a *App) packCSS(c echo.Context) error {
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(pack.CSS()))
}
