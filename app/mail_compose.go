package app

import (
	"bytes"
	htmltemplate "html/template"
	"net/url"
	"strconv"
	"strings"
	texttemplate "text/template"
	"unicode/utf8"

	"sendboard/models"
	"sendboard/templates"
)

// mailComposer words the emails of rounds from templates/mail: a plain-text
// and an HTML part with the same words, links to the service and nothing
// that tracks the reader.
type mailComposer struct {
	base string // the service's address, e.g. https://sendboard.example.org
	text *texttemplate.Template
	html *htmltemplate.Template
}

var mailFuncs = map[string]any{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}

// newMailComposer parses the email templates; a broken one stops the start.
func newMailComposer(base string) (*mailComposer, error) {
	text, err := texttemplate.New("mail").Funcs(mailFuncs).ParseFS(templates.FS, "mail/*.txt")
	if err != nil {
		return nil, err
	}
	html, err := htmltemplate.New("mail").Funcs(mailFuncs).ParseFS(templates.FS, "mail/*.html")
	if err != nil {
		return nil, err
	}
	return &mailComposer{base: strings.TrimRight(base, "/"), text: text, html: html}, nil
}

// mailItem is one action as an email lists it.
type mailItem struct {
	Number, Text, Status, RAG, Lead, AnsweredBy, Link string
}

// mailView is what the email templates receive.
type mailView struct {
	Kind, Name, Who, Due, Meeting, Message, Owner, Subject string
	RoundLink, AccountLink                                 string
	WorkingDays                                            int
	ToOwner                                                bool // the round's owner, not an SRO
	Items, AnsweredToday, Outstanding, Listed              []mailItem
	Requested, Answered                                    int
	More                                                   bool
}

// digestListMax bounds the outstanding actions a digest lists.
const digestListMax = 50

func (m *mailComposer) view(r *models.Round, to models.User) mailView {
	v := mailView{Name: to.Name, Who: r.BoardName(), Due: models.HumanDate(r.Due), Message: r.Message, Owner: r.Owner.Name,
		RoundLink: m.base + "/rounds/" + strconv.FormatUint(uint64(r.ID), 10), AccountLink: m.base + "/account#digests"}
	if v.Who == "" {
		v.Who = r.Plan.Name
	}
	if r.Meeting != nil {
		v.Meeting = models.HumanDate(*r.Meeting)
	}
	return v
}

func (m *mailComposer) items(in []models.RoundItem) []mailItem {
	out := make([]mailItem, len(in))
	for i, it := range in {
		rag := ragLabel(it.RAG)
		if it.RAG == "" {
			rag = "not rated"
		}
		out[i] = mailItem{Number: it.Number, Text: shorten(it.Text, 200), Status: models.StatusLabel(it.Status), RAG: rag,
			Lead: it.Lead, AnsweredBy: it.AnsweredBy, Link: m.base + "/actions/" + url.PathEscape(it.Number)}
	}
	return out
}

// LeadMail words a request, reminder or escalation.
func (m *mailComposer) LeadMail(l models.LeadMail) (models.Mail, error) {
	v := m.view(l.Round, l.To)
	v.Kind, v.WorkingDays, v.Items = l.Kind, l.WorkingDays, m.items(l.Items)
	v.ToOwner = l.To.ID == l.Round.OwnerID
	return m.render("lead", v, "")
}

// DigestMail words the owner's daily summary; only digests can be unsubscribed from.
func (m *mailComposer) DigestMail(d models.RoundDigest) (models.Mail, error) {
	v := m.view(d.Round, d.To)
	v.Kind, v.Requested, v.Answered = models.MailDigest, d.Requested, d.Answered
	v.AnsweredToday, v.Outstanding = m.items(d.AnsweredToday), m.items(d.Outstanding)
	v.Listed, v.More = v.Outstanding, len(v.Outstanding) > digestListMax
	if v.More {
		v.Listed = v.Outstanding[:digestListMax]
	}
	return m.render("digest", v, "<"+v.AccountLink+">")
}

func (m *mailComposer) render(name string, v mailView, unsubscribe string) (models.Mail, error) {
	var subj, text, html bytes.Buffer
	if err := m.text.ExecuteTemplate(&subj, name+"_subject", v); err != nil {
		return models.Mail{}, err
	}
	v.Subject = strings.Join(strings.Fields(subj.String()), " ")
	if err := m.text.ExecuteTemplate(&text, name+"_text", v); err != nil {
		return models.Mail{}, err
	}
	if err := m.html.ExecuteTemplate(&html, name+"_html", v); err != nil {
		return models.Mail{}, err
	}
	return models.Mail{Subject: v.Subject, TextBody: text.String(), HTMLBody: html.String(), ListUnsubscribe: unsubscribe}, nil
}

// shorten cuts s to at most n characters at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}
