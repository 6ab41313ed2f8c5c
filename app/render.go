package app

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/templates"
)

// View is what every page template receives: the common frame plus the page's Data.
type View struct {
	Title    string
	Nav      string // which navigation item is current
	User     *models.User
	CSRF     string
	Flash    string
	PlanName string
	Data     any
}

type navItem struct {
	Key, Label, Href string
	Active           bool
}

// NavItems lists the service navigation for the signed-in user.
func (v View) NavItems() []navItem {
	items := []navItem{{"plan", "Plan", "/", false}, {"plans", "Plans", "/plans", false}, {"boards", "Boards", "/boards", false}, {"leads", "Leads", "/leads", false},
		{"kpis", "SENDIASS KPIs", "/kpis", false}, {"benchmarks", "DfE benchmarks", "/benchmarks", false}}
	if v.User != nil {
		// Only someone holding a lead role has actions of their own.
		if v.User.AtLeast(models.RoleLead) && len(v.User.Leads) > 0 {
			items = append(items, navItem{"me", "My actions", "/me", false})
		}
		items = append(items, navItem{"packs", "Governance packs", "/packs", false}, navItem{"rounds", "Update rounds", "/rounds", false})
		if v.User.AtLeast(models.RoleAdmin) {
			items = append(items, navItem{"jobs", "Jobs", "/jobs", false}, navItem{"outbox", "Outbox", "/outbox", false}, navItem{"users", "Users", "/users", false})
		}
	}
	for i := range items {
		items[i].Active = items[i].Key == v.Nav
	}
	return items
}

// Renderer holds one parsed template set per page, each with the layout and
// partials, parsed once at start.
type Renderer struct {
	pages map[string]*template.Template
	pool  sync.Pool
}

// NewRenderer parses every page; a page that fails to parse, or lacks a
// "content" block, stops the start.
func NewRenderer() (*Renderer, error) { return NewRendererIn(time.UTC) }

// NewRendererIn is NewRenderer showing moments (datetime, dateP) in loc, the
// configured display time zone: the one place times are converted for people.
// Dates without a time of day (date, isoDate) are shown as stored.
func NewRendererIn(loc *time.Location) (*Renderer, error) {
	base, err := template.New("base").Funcs(templateFuncs(loc)).ParseFS(templates.FS, "layout.html", "partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	names, err := fs.Glob(templates.FS, "pages/*.html")
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}, pool: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(templates.FS, name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("templates: %s defines no \"content\" block", name)
		}
		r.pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return r, nil
}

// Has reports whether a page template exists.
func (r *Renderer) Has(name string) bool { _, ok := r.pages[name]; return ok }

// RenderContent renders only page name's "content" block, for the page cache.
func (r *Renderer) RenderContent(name string, data any) ([]byte, error) {
	t, ok := r.pages[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "content", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Render writes page name in the layout; it buffers so a template error becomes
// a clean 500 rather than half a page.
func (r *Renderer) Render(w io.Writer, name string, data any, c echo.Context) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	buf := r.pool.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.pool.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}
