// Package pack renders a quarterly governance pack (packs.Pack, from
// sendboard/models/pack) as HTML, PDF and XLSX, with its KPI charts. It holds
// no SQL: the content comes from packs.Build, so the three formats always say
// the same thing.
package pack

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sendboard/models"
	packs "sendboard/models/pack"
)

// ContentType is the MIME type of a format.
func ContentType(format string) string {
	switch format {
	case packs.PDF:
		return "application/pdf"
	case packs.XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case packs.HTML:
		return "text/html; charset=utf-8"
	}
	return "application/octet-stream"
}

// FileName is the download name of a pack rendering, e.g.
// "send-improvement-board-2024-25-q4-v2.pdf".
func FileName(boardKey, quarter string, version int, format string) string {
	name := models.Slugify(boardKey + " " + quarter)
	if boardKey == models.WholePlan {
		name = models.Slugify("whole plan " + quarter)
	}
	if version > 0 {
		name += "-v" + strconv.Itoa(version)
	}
	return name + "." + format
}

// ParseFormat checks a format name.
func ParseFormat(s string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(s))
	for _, ok := range packs.Formats {
		if f == ok {
			return f, nil
		}
	}
	return "", models.Invalid("format", "%q is not a pack format: use pdf, xlsx or html", s)
}

// Progress is told, between steps, how many of total steps are done.
type Progress func(done, total int, step string)

// Render produces one format of p; the PDF is printed with pr, and fails
// with ErrNoPDF when pr is nil (no Chromium here).
func Render(ctx context.Context, p *packs.Pack, format string, pr *Printer) ([]byte, error) {
	switch format {
	case packs.PDF:
		return PDF(ctx, p, pr)
	case packs.XLSX:
		return XLSX(p)
	case packs.HTML:
		return HTML(p)
	}
	_, err := ParseFormat(format)
	return nil, err
}

// Available lists the formats that can be made with pr: every format with a
// printer, HTML and XLSX without one.
func Available(pr *Printer) []string {
	if pr == nil {
		return []string{packs.XLSX, packs.HTML}
	}
	return packs.Formats
}

// RenderAll produces every format available with pr, reporting progress if
// asked.
func RenderAll(ctx context.Context, p *packs.Pack, pr *Printer, progress Progress) ([]packs.Rendering, error) {
	formats := Available(pr)
	out := make([]packs.Rendering, 0, len(formats))
	for i, f := range formats {
		if progress != nil {
			progress(i, len(formats), "rendering "+strings.ToUpper(f))
		}
		b, err := Render(ctx, p, f, pr)
		if err != nil {
			return nil, err
		}
		out = append(out, packs.Rendering{Format: f, ContentType: ContentType(f), Content: b})
	}
	if progress != nil {
		progress(len(formats), len(formats), "done")
	}
	return out, nil
}

// formatNumber prints whole numbers without decimals and others to at most two places.
func formatNumber(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

func formatPtr(v *float64) string {
	if v == nil {
		return "–"
	}
	return formatNumber(*v)
}

func shortDate(t time.Time) string { return t.Format("2 Jan 2006") }

// quarterWords says what a quarter covers: "2024-25 Q4 (January to March 2025)".
func quarterWords(q models.Period) string {
	last := q.End().AddDate(0, 0, -1)
	return fmt.Sprintf("%s (%s to %s)", q, q.Start().Format("January"), last.Format("January 2006"))
}

// signed writes a change with its sign: "+2", "-1", "0".
func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// flagWords joins an action's flag kinds in human wording.
func flagWords(kinds []string) string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = models.FlagLabel(k)
	}
	return strings.Join(out, "; ")
}

// progressText is the quarter's progress for the action table, saying so
// plainly when there was none.
func progressText(a packs.Action) string {
	if a.QuarterProgress != "" {
		return a.QuarterProgress
	}
	if a.LatestDate != nil {
		return "No update this quarter. Last update " + shortDate(*a.LatestDate) + ": " + a.LatestNarrative
	}
	return "No progress update recorded yet."
}

// statusText is the status at quarter end, with the initiate-by month when
// not started.
func statusText(a packs.Action) string {
	s := models.StatusLabel(a.Status)
	if a.Status == models.StatusNotStarted && a.InitiateBy != "" {
		s += " (initiate by " + models.MonthLabel(a.InitiateBy) + ")"
	}
	return s
}

// kpiTarget is a KPI's target in words.
func kpiTarget(k packs.KPI) string {
	if k.TargetText != "" {
		return k.TargetText
	}
	return "No target set"
}

// glanceItem is one headline figure on the cover.
type glanceItem struct {
	n     int
	label string
}

// glance is the cover's headline figures at quarter end.
func glance(p *packs.Pack) []glanceItem {
	return []glanceItem{
		{len(p.Actions), "actions"},
		{p.Now.ByStatus[models.StatusComplete], "complete"},
		{p.Now.ByRAG["red"], "rated red"},
		{len(p.Exceptions), "exceptions"},
		{len(p.Updates), "updates this quarter"},
	}
}

// Notes that explain how the pack was derived, printed in every format.
const (
	stateNote = "Status and RAG are as at the end of the quarter: each action's newest progress update dated before then. " +
		"An action with no update by then shows the status the plan document gave it, not rated."
	exceptionNote = "Actions rated red, or with a flag open at the end of the quarter; overdue initiations first. " +
		"An action still not started after its initiate-by month counts as an overdue initiation."
)

// benchmarkNote explains the benchmark table in every format.
const benchmarkNote = "DfE's published measures linked to the actions in this pack. The area's figure is the latest period it has one; " +
	"England, the region and the median of its ten statistical neighbours are for the same period; rank 1 is the best of the area " +
	"and those neighbours with a figure. Better and worse follow each measure's polarity."

// offValue is an off-track figure in the KPI's unit.
func offValue(e packs.KPIException) string {
	s := formatNumber(e.Value)
	if e.Unit == "percent" || e.Unit == "%" {
		s += "%"
	}
	return s
}

// commentary is the owner's commentary on an off-track KPI, saying so when
// there is none yet.
func commentary(e packs.KPIException) string {
	if e.Commentary == "" {
		return "None given yet."
	}
	return e.Commentary
}
