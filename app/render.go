package app

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/templates"
)

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
	out := buf.Bytes()
	if name != "error" && bytes.Contains(out, errorSummaryMark) {
		out = errorTitle(out)
	}
	_, err := w.Write(out)
	return err
}

// errorSummaryMark is in a page exactly when the "error_summary" partial
// showed problems.
var errorSummaryMark = []byte(`class="govuk-error-summary"`)

// errorTitle starts the page's title with "Error: ", as GOV.UK asks of a
// form shown again with problems. It is done here, on the rendered page, so
// no handler that re-shows a form can forget it.
func errorTitle(page []byte) []byte {
	const open = "<title>"
	i := bytes.Index(page, []byte(open))
	if i < 0 || bytes.HasPrefix(page[i+len(open):], []byte("Error: ")) {
		return page
	}
	i += len(open)
	return slices.Concat(page[:i], []byte("Error: "), page[i:])
}
