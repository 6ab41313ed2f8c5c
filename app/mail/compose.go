package mail

import (
	"bytes"
	htmltemplate "html/template"
	"net/url"
	"strconv"
	"strings"
	texttemplate "text/template"

	"sendboard/models"
	"sendboard/models/round"
	"sendboard/templates"
)

// Composer words the emails of rounds from templates/mail: a plain-text
// and an HTML part with the same words, links to the service and nothing
// that tracks the reader.
type Composer struct {
	base string // the service's address, e.g. https://sendboard.example.org
	text *texttemplate.Template
	html *htmltemplate.Template
	// links puts each recipient's personal answer link in requests,
	// reminders and escalations (SENDBOARD_EMAIL_LINKS).
	links bool
}

// WithAnswerLinks says whether lead emails carry personal answer links.
func (m *Composer) WithAnswerLinks(on bool) *Composer {
	m.links = on
	return m
}

// AnswerLinks reports whether lead emails carry personal answer links.
func (m *Composer) AnswerLinks() bool { return m.links }

var funcs = map[string]any{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}

// NewComposer parses the email templates; a broken one stops the start.
func NewComposer(base string) (*Composer, error) {
	text, err := texttemplate.New("mail").Funcs(funcs).ParseFS(templates.FS, "mail/*.txt")
	if err != nil {
		return nil, err
	}
	html, err := htmltemplate.New("mail").Funcs(funcs).ParseFS(templates.FS, "mail/*.html")
	if err != nil {
		return nil, err
	}
	return &Composer{base: strings.TrimRight(base, "/"), text: text, html: html}, nil
}

// item is one action as an email lists it.
type item struct {
	Number, Text, Status, RAG, Lead, AnsweredBy, Link string
}

// page is what the email templates receive.
type page struct {
	Kind, Name, Who, Due, Meeting, Message, Owner, Subject string
	RoundLink, AccountLink                                 string
	WorkingDays                                            int
	AnswerUntil                                            string // the last day the personal links work, "" without them
	ToOwner                                                bool   // the round's owner, not an SRO
	Items, AnsweredToday, Outstanding, Listed              []item
	Requested, Answered                                    int
	More                                                   bool
}

// digestListMax bounds the outstanding actions a digest lists.
const digestListMax = 50

func (m *Composer) view(r *round.Round, to models.User) page {
	v := page{Name: to.Name, Who: r.BoardName(), Due: models.HumanDate(r.Due), Message: r.Message, Owner: r.Owner.Name,
		RoundLink: m.base + "/rounds/" + strconv.FormatUint(uint64(r.ID), 10), AccountLink: m.base + "/account#digests"}
	if v.Who == "" {
		v.Who = r.Plan.Name
	}
	if r.Meeting != nil {
		v.Meeting = models.HumanDate(*r.Meeting)
	}
	return v
}

// items lists a round's actions, each linked to its page in the round's plan.
func (m *Composer) items(r *round.Round, in []round.Item) []item {
	out := make([]item, len(in))
	for i, it := range in {
		rag := models.RAGLabel(it.RAG)
		if it.RAG == "" {
			rag = "not rated"
		}
		out[i] = item{Number: it.Number, Text: models.Shorten(it.Text, 200), Status: models.StatusLabel(it.Status), RAG: rag,
			Lead: it.Lead, AnsweredBy: it.AnsweredBy, Link: m.base + r.Plan.ActionPath(it.Number)}
	}
	return out
}

// LeadMail words a request, reminder or escalation.
func (m *Composer) LeadMail(l round.LeadMail) (round.Mail, error) {
	v := m.view(l.Round, l.To)
	v.Kind, v.WorkingDays, v.Items = l.Kind, l.WorkingDays, m.items(l.Round, l.Items)
	v.ToOwner = l.To.ID == l.Round.OwnerID
	for i := range v.Items {
		// Straight to the form; with a personal link, signed in on the way.
		if l.AnswerToken != "" {
			v.Items[i].Link = m.base + "/answer/" + l.AnswerToken + "?a=" + url.QueryEscape(l.Items[i].Number)
		} else {
			v.Items[i].Link += "#record"
		}
	}
	if l.AnswerToken != "" {
		v.AnswerUntil = models.HumanDate(round.AnswerUntil(l.Round.Due).AddDate(0, 0, -1).Format(models.DateLayout))
	}
	return m.render("lead", v, "")
}

// DigestMail words the owner's daily summary; only digests can be unsubscribed from.
func (m *Composer) DigestMail(d round.Digest) (round.Mail, error) {
	v := m.view(d.Round, d.To)
	v.Kind, v.Requested, v.Answered = round.MailDigest, d.Requested, d.Answered
	v.AnsweredToday, v.Outstanding = m.items(d.Round, d.AnsweredToday), m.items(d.Round, d.Outstanding)
	v.Listed, v.More = v.Outstanding, len(v.Outstanding) > digestListMax
	if v.More {
		v.Listed = v.Outstanding[:digestListMax]
	}
	return m.render("digest", v, "<"+v.AccountLink+">")
}

func (m *Composer) render(name string, v page, unsubscribe string) (round.Mail, error) {
	var subj, text, html bytes.Buffer
	if err := m.text.ExecuteTemplate(&subj, name+"_subject", v); err != nil {
		return round.Mail{}, err
	}
	v.Subject = strings.Join(strings.Fields(subj.String()), " ")
	if err := m.text.ExecuteTemplate(&text, name+"_text", v); err != nil {
		return round.Mail{}, err
	}
	if err := m.html.ExecuteTemplate(&html, name+"_html", v); err != nil {
		return round.Mail{}, err
	}
	return round.Mail{Subject: v.Subject, TextBody: text.String(), HTMLBody: html.String(), ListUnsubscribe: unsubscribe}, nil
}
