package pack

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"
	"time"

	"sendboard/app/riskmap"
	"sendboard/models"
	packs "sendboard/models/pack"
)

//go:embed pack.css
var css string

//go:embed pack.html.tmpl
var htmlTemplate string

// CSS is the pack's stylesheet, inlined in the stored HTML and served to the
// preview page.
func CSS() string { return css }

var tmpl = template.Must(template.New("pack").Funcs(template.FuncMap{
	"quarterWords":  quarterWords,
	"datetime":      func(t time.Time) string { return t.Format("2 Jan 2006 15:04") + " UTC" },
	"date":          shortDate,
	"signed":        signed,
	"statusLabel":   models.StatusLabel,
	"ragLabel":      models.RAGLabel,
	"statusText":    statusText,
	"progressText":  progressText,
	"kpiTarget":     kpiTarget,
	"join":          strings.Join,
	"glance":        glance,
	"glanceN":       func(g glanceItem) int { return g.n },
	"glanceLabel":   func(g glanceItem) string { return g.label },
	"num":           formatPtr,
	"stateNote":     func() string { return stateNote },
	"exceptionNote": func() string { return exceptionNote },
	"group":         newPlanGroup,
	"offValue":      offValue,
	"commentary":    commentary,
	"benchmarkNote": func() string { return benchmarkNote },
	// qhead lets a quarter heading wrap between year and quarter, never at
	// the year's hyphen, so number columns stay narrow on a phone.
	"qhead": func(q models.Period) template.HTML {
		y, n, _ := strings.Cut(q.String(), " ")
		return template.HTML(`<span class="pk-nw">` + template.HTMLEscapeString(y) + `</span> <span class="pk-nw">` +
			template.HTMLEscapeString(n) + `</span>`) //nolint:gosec // escaped above
	},
	"rag": func(r string) template.HTML {
		class := r
		if class == "" {
			class = "none"
		}
		return template.HTML(`<span class="pk-rag pk-rag-` + template.HTMLEscapeString(class) + `">` +
			template.HTMLEscapeString(models.RAGLabel(r)) + `</span>`)
	},
}).Funcs(boardFuncs).Parse(htmlTemplate + boardTemplate))

// planGroup is what a per-plan table needs: the pack, the plan's part (nil
// for the totals over every plan), a suffix that keeps element ids unique
// when there are several plans, and " in <plan>" for their captions.
type planGroup struct {
	P       *packs.Pack
	PP      *packs.Plan
	Sfx, Of string
}

// newPlanGroup makes the group of plan i of p, or with i < 0 the totals
// over every plan, named by label.
func newPlanGroup(p *packs.Pack, i int, label string) planGroup {
	g := planGroup{P: p}
	if i >= 0 && i < len(p.Plans) {
		g.PP = &p.Plans[i]
	}
	if !p.MultiPlan() {
		return g
	}
	g.Sfx = "-all"
	if g.PP != nil {
		g.Sfx, label = fmt.Sprintf("-%d", i), g.PP.Plan.Name
	}
	g.Of = " in " + label
	return g
}

// Rows are the group's summary rows.
func (g planGroup) Rows() []packs.CountRow {
	if g.PP == nil {
		return g.P.SummaryRows()
	}
	return g.PP.SummaryRows()
}

type htmlView struct {
	P       *packs.Pack
	CSS     template.CSS
	Charts  []template.URL // one per KPI, "" when it has too few figures to draw
	Heat    riskmap.HeatMap
	HeatImg template.URL
}

// newHTMLView draws the KPI charts as SVG data URIs: an <img> keeps the
// chart's own styling out of the page's Content-Security-Policy.
func newHTMLView(p *packs.Pack) (htmlView, error) {
	v := htmlView{P: p, CSS: template.CSS(css), Charts: make([]template.URL, len(p.KPIs))}
	v.Heat, v.HeatImg = heatImage(p)
	for i, k := range p.KPIs {
		if !k.Chartable() {
			continue // the table says it all
		}
		if svg := kpiSVG(k, 480, 220, 12); svg != nil {
			v.Charts[i] = template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg)) //nolint:gosec // drawn here, names escaped
		}
	}
	return v, nil
}

// HTML renders p as a standalone HTML document that prints cleanly.
func HTML(p *packs.Pack) ([]byte, error) {
	v, err := newHTMLView(p)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "doc", v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// HTMLBody renders p's content without the document around it, for the
// preview on the packs page.
func HTMLBody(p *packs.Pack) (template.HTML, error) {
	v, err := newHTMLView(p)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "body", v); err != nil {
		return "", err
	}
	// The preview sits under the page's own h1 and "Preview" h2, so the pack's
	// headings move down two levels. User text is escaped by html/template, so
	// a literal "<h1" can only be the template's own markup.
	out := strings.NewReplacer("<h4", "<h6", "</h4>", "</h6>", "<h3", "<h5", "</h3>", "</h5>", "<h2", "<h4", "</h2>", "</h4>", "<h1", "<h3", "</h1>", "</h3>").Replace(buf.String())
	return template.HTML(out), nil //nolint:gosec // produced by html/template
}
