package mail

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"time"

	gomail "github.com/wneessen/go-mail"

	"sendboard/models/round"
)

// smtpTimeout bounds each SMTP conversation step, so a hung server cannot
// hold the outbox's row locks for long.
const smtpTimeout = 30 * time.Second

func newSMTPClient(s smtpSettings) (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(smtpTimeout)}
	switch s.TLS {
	case "implicit":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.User), gomail.WithPassword(s.Pass))
	}
	return gomail.NewClient(s.Host, opts...)
}

// Send delivers a batch over one SMTP connection: one result per mail, with
// the server's reply. A server that cannot be reached fails the whole batch,
// which the outbox then retries.
func (m Config) Send(ctx context.Context, mails []round.Mail) []round.SendResult {
	results := make([]round.SendResult, len(mails))
	failAll := func(err error) []round.SendResult {
		for i := range results {
			results[i] = round.SendResult{Err: err}
		}
		return results
	}
	s, err := parseSMTPURL(m.SMTPURL)
	if err != nil {
		return failAll(err)
	}
	client, err := newSMTPClient(s)
	if err != nil {
		return failAll(err)
	}
	if err := client.DialWithContext(ctx); err != nil {
		return failAll(fmt.Errorf("could not reach the SMTP server %s:%d: %w", s.Host, s.Port, err))
	}
	defer client.Close()
	for i, ml := range mails {
		msg, err := m.message(ml)
		if err != nil {
			results[i] = round.SendResult{Err: err, Permanent: true}
			continue
		}
		err = client.Send(msg)
		results[i] = round.SendResult{Reply: msg.ServerResponse(), Err: err}
		var se *gomail.SendError
		if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
			results[i].Permanent = true
		}
		if err != nil {
			_ = client.Reset() // start the next mail afresh
		}
	}
	return results
}

// message turns an outbox row into a multipart plain-text and HTML email. Its
// Message-ID comes from the row, so a retry is recognisably the same mail.
func (c Config) message(m round.Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(c.From); err != nil {
		return nil, fmt.Errorf("SENDBOARD_MAIL_FROM: %w", err)
	}
	// The address is checked on its own and the name left to net/mail's
	// encoder (quoted, or RFC 2047 encoded when it holds anything a quoted
	// string cannot), never spliced into `"name" <addr>`: a name with quotes,
	// commas or control characters must not change what the header says.
	to, err := netmail.ParseAddress(m.ToAddr)
	if err != nil || to.Name != "" {
		return nil, fmt.Errorf("recipient %q is not an email address", m.ToAddr)
	}
	to.Name = m.ToName
	msg.AddToMailAddress(to)
	msg.Subject(m.Subject)
	msg.SetDateWithValue(m.CreatedAt)
	msg.SetMessageIDWithValue(fmt.Sprintf("outbox-%d.%d@sendboard", m.ID, m.CreatedAt.Unix()))
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.ListUnsubscribe != "" {
		msg.SetGenHeader(gomail.HeaderListUnsubscribe, m.ListUnsubscribe)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.TextBody)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTMLBody)
	return msg, nil
}
