package app

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sendboard/models"
)

// pageSizes are the dashboard's page sizes; the first is the default.
var pageSizes = []int{50, 100, 500}

// attentionPerGroup is how many actions each attention group lists before
// "and N more".
const attentionPerGroup = 5

// listView is how the action table is ordered and paged: sort by link,
// numbered pages of a size the user chose.
type listView struct {
	Size, Page, From, To, Pages int
	Total                       int64
	Sizes                       []sizeOption
	Headers                     []sortHeader
	Prev, Next, First, Last     string
	Hidden                      [][2]string // the selection and sort, for the page-size form
	CSV, XLSX                   string
}

type sizeOption struct {
	N        int
	Selected bool
}

// sortHeader is a sortable column heading: a link that sorts by it, and
// reverses when it is already the sort.
type sortHeader struct {
	Label, Href, AriaSort, Next string
}

// parseListView reads page and size, naming a bad value.
func parseListView(v url.Values) (size, page int, err error) {
	size, page = pageSizes[0], 1
	if s := v.Get("size"); s != "" {
		n, e := strconv.Atoi(s)
		if e != nil || !slices.Contains(pageSizes, n) {
			return 0, 0, models.Invalid("size", "%q is not a page size; choose 50, 100 or 500", s)
		}
		size = n
	}
	if s := v.Get("page"); s != "" {
		n, e := strconv.Atoi(s)
		if e != nil || n < 1 || n > 1_000_000 {
			return 0, 0, models.Invalid("page", "%q is not a page number", s)
		}
		page = n
	}
	return size, page, nil
}

var sortColumns = []struct{ Key, Label string }{
	{models.SortNumber, "Number"}, {models.SortDue, "Due"}, {models.SortStatus, "Status"},
	{models.SortRAG, "RAG"}, {models.SortLastUpdate, "Last update"}, {models.SortLead, "Lead"},
}

// buildListView works out the table's headers, page links and counts for d.
func buildListView(d *dashboardData, size, page int) listView {
	f := d.Filter
	lv := listView{Size: size, Page: page, Total: d.Summary.Total}
	lv.Pages = int((lv.Total + int64(size) - 1) / int64(size))
	if lv.Total > 0 {
		lv.From = (page-1)*size + 1
		lv.To = min(page*size, int(lv.Total))
	}
	sel := url.Values{}
	for k, v := range d.Query {
		sel[k] = v
	}
	sortParam := f.SortParam()
	sizeParam := ""
	if size != pageSizes[0] {
		sizeParam = strconv.Itoa(size)
	}
	withSort := withQuery("", sel, "sort", sortParam)
	q, _ := url.ParseQuery(strings.TrimPrefix(withSort, "?"))
	link := func(p int) string {
		ps := ""
		if p > 1 {
			ps = strconv.Itoa(p)
		}
		return withQuery(d.BasePath, q, "size", sizeParam, "page", ps) + "#actions"
	}
	if page > 1 {
		lv.Prev, lv.First = link(page-1), link(1)
	}
	if page < lv.Pages {
		lv.Next, lv.Last = link(page+1), link(lv.Pages)
	}
	for _, n := range pageSizes {
		lv.Sizes = append(lv.Sizes, sizeOption{N: n, Selected: n == size})
	}
	for k, vs := range q {
		for _, v := range vs {
			lv.Hidden = append(lv.Hidden, [2]string{k, v})
		}
	}
	slices.SortFunc(lv.Hidden, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	cur := f.Sort
	if cur == "" {
		cur = models.SortNumber
	}
	for _, c := range sortColumns {
		h := sortHeader{Label: c.Label, Next: "ascending"}
		next := c.Key
		if c.Key == cur {
			h.AriaSort = "ascending"
			if f.Desc {
				h.AriaSort = "descending"
			} else {
				next, h.Next = "-"+c.Key, "descending"
			}
		}
		if next == models.SortNumber {
			next = ""
		}
		h.Href = withQuery(d.BasePath, sel, "sort", next, "size", sizeParam) + "#actions"
		lv.Headers = append(lv.Headers, h)
	}
	// Exports take the selection and sort, never the page: the whole list.
	exp := url.Values{}
	for k, v := range q {
		exp[k] = v
	}
	if d.Fixed != "" {
		exp.Set(d.Fixed, d.FixedSlug)
	}
	lv.CSV, lv.XLSX = withQuery(exportPath(d.Ref.Plan, "csv"), exp), withQuery(exportPath(d.Ref.Plan, "xlsx"), exp)
	return lv
}

// attentionView is the "Needs attention" list: each group with its count,
// a link to the table filtered to it, and its first few actions.
type attentionView struct {
	Total  int64
	Groups []attentionGroup
	Board  bool // a board's page, which lists escalated risks too
}

type attentionGroup struct {
	Key, Label, Href, More string
	N                      int64
	Items                  []attentionLine
	// Anchor, Noun and Nouns word a group of something other than actions
	// (escalated risks); blank for the action groups.
	Anchor, Noun, Nouns string
}

// Target is where the group's heading links: its list, at the table.
func (g attentionGroup) Target() string {
	if g.Anchor != "" {
		return g.Href + g.Anchor
	}
	return g.Href + "#actions"
}

// Counted words N things of the group for screen readers.
func (g attentionGroup) Counted() string {
	one, many := "action", "actions"
	if g.Noun != "" {
		one, many = g.Noun, g.Nouns
	}
	return models.Plural(int(g.N), one, many)
}

type attentionLine struct {
	Number, Href, Text, Detail string
}

var attentionLabels = map[string]string{
	models.AttentionRed:             "Rated red",
	models.FlagOverdueInitiation:    "Overdue initiation",
	models.FlagMilestonePassed:      "Milestone passed",
	models.FlagUpdateOverdue:        "No update for %d days",
	models.AttentionAwaitingSignOff: "Complete, awaiting sign-off",
}

// buildAttention labels what NeedsAttention found; overdueDays words the
// update-overdue group.
func buildAttention(d *dashboardData, at models.Attention, overdueDays int) attentionView {
	var v attentionView
	for _, g := range models.AttentionGroups {
		label := attentionLabels[g]
		if g == models.FlagUpdateOverdue {
			label = fmt.Sprintf(label, overdueDays)
		}
		ag := attentionGroup{Key: g, Label: label, N: at.Counts[g]}
		switch g {
		case models.AttentionRed:
			ag.Href = withQuery(d.BasePath, nil, "rag", "red")
		case models.AttentionAwaitingSignOff:
			ag.Href = withQuery(d.BasePath, nil, "status", models.StatusComplete, "signoff", "awaiting")
		case models.FlagMilestonePassed:
			ag.Href = withQuery(d.BasePath, nil, "flag", g, "sort", models.SortDue)
		default:
			ag.Href = withQuery(d.BasePath, nil, "flag", g)
		}
		for _, it := range at.Items[g] {
			ag.Items = append(ag.Items, attentionLine{Number: it.Number, Href: d.ActionBase + url.PathEscape(it.Number), Text: it.Text, Detail: attentionDetail(g, it)})
		}
		if more := ag.N - int64(len(ag.Items)); more > 0 {
			ag.More = fmt.Sprintf("and %d more", more)
		}
		v.Total += ag.N
		v.Groups = append(v.Groups, ag)
	}
	return v
}

// attentionDetail is the plan date behind an action's place in a group.
func attentionDetail(g string, it models.AttentionItem) string {
	switch g {
	case models.FlagOverdueInitiation:
		if it.InitiateBy != nil {
			return "initiate by " + models.MonthLabel(*it.InitiateBy)
		}
	case models.FlagMilestonePassed:
		return "due " + models.DueLabel(it.Due)
	case models.FlagUpdateOverdue, models.AttentionAwaitingSignOff:
		if it.LastUpdate != nil {
			return "last update " + it.LastUpdate.Format("2 January 2006")
		}
		return "no update yet"
	}
	return it.LeadText
}
