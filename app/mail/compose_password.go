package mail

import (
	"bytes"
	"strings"

	"sendboard/models"
	"sendboard/models/round"
)

// passwordPage is what the invitation and reset emails receive.
type passwordPage struct {
	Kind, Name, Invitee, Link, Valid, LoginLink, Subject string
	Button                                               string // an SSO invitation's provider button
}

// PasswordMail words an invitation (kind round.MailInvite, from inviter), a
// reset someone asked for, or an administrator's reset (round.MailAdminReset,
// by inviter), carrying the link that sets the password. It says how long
// the link works and that it works once.
func (m *Composer) PasswordMail(kind string, to, inviter *models.User, token string) (round.Mail, error) {
	v := passwordPage{Kind: kind, Name: to.Name, Link: m.base + "/password/" + token, LoginLink: m.base + "/login", Valid: "1 hour"}
	return m.accountMail(v, inviter)
}

// SSOInviteMail words the invitation of someone whose organisation's
// account signs them in: a link to its provider's button, no password.
func (m *Composer) SSOInviteMail(to, inviter *models.User, provider, button string) (round.Mail, error) {
	v := passwordPage{Kind: round.MailSSOInvite, Name: to.Name, Link: m.base + "/login/oidc/" + provider, LoginLink: m.base + "/login", Button: button}
	return m.accountMail(v, inviter)
}

func (m *Composer) accountMail(v passwordPage, inviter *models.User) (round.Mail, error) {
	kind := v.Kind
	switch kind {
	case round.MailInvite:
		v.Valid = "7 days"
	case round.MailAdminReset:
		v.Valid = "24 hours"
	}
	if inviter != nil && kind != round.MailReset {
		v.Invitee = inviter.Name
	}
	var subj, text, html bytes.Buffer
	if err := m.text.ExecuteTemplate(&subj, "password_subject", v); err != nil {
		return round.Mail{}, err
	}
	v.Subject = strings.Join(strings.Fields(subj.String()), " ")
	if err := m.text.ExecuteTemplate(&text, "password_text", v); err != nil {
		return round.Mail{}, err
	}
	if err := m.html.ExecuteTemplate(&html, "password_html", v); err != nil {
		return round.Mail{}, err
	}
	return round.Mail{Subject: v.Subject, TextBody: text.String(), HTMLBody: html.String()}, nil
}
