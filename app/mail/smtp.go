package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"

	"sendboard/models/round"
)

// smtpTimeout bounds each SMTP conversation step, so a hung server cannot
// hold a mail "sending" for long.
const smtpTimeout = 30 * time.Second

func newSMTPClient(s smtpSettings, dial gomail.DialContextFunc) (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(smtpTimeout), gomail.WithDialContextFunc(dial)}
	switch s.TLS {
	case "implicit":
		// The dial function below does the TLS handshake itself.
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
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

// session is one SMTP connection carrying mail after mail. It keeps the
// network connection so that a cancelled send can close it at once: the
// library's own timeouts are per step, and a run's deadline must hold over a
// server that answers each step slowly.
type session struct {
	cfg    Config
	client *gomail.Client
	mu     sync.Mutex
	conn   net.Conn
}

// Dial opens an SMTP session to the configured server; it satisfies
// round.Dialer.
func (m Config) Dial(ctx context.Context) (round.Sender, error) {
	s, err := parseSMTPURL(m.SMTPURL)
	if err != nil {
		return nil, err
	}
	ss := &session{cfg: m}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(ctx, network, addr)
		if err == nil && s.TLS == "implicit" {
			tc := tls.Client(conn, &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12})
			if err = tc.HandshakeContext(ctx); err != nil {
				conn.Close()
				return nil, err
			}
			conn = tc
		}
		if err == nil {
			ss.mu.Lock()
			ss.conn = conn
			ss.mu.Unlock()
		}
		return conn, err
	}
	if ss.client, err = newSMTPClient(s, dial); err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, ss.abort)
	defer stop()
	if err := ss.client.DialWithContext(ctx); err != nil {
		return nil, fmt.Errorf("could not reach the SMTP server %s:%d: %w", s.Host, s.Port, err)
	}
	return ss, nil
}

// abort closes the connection under whatever step is waiting on it.
func (s *session) abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.Close()
	}
}

// Send delivers one mail and says what the server answered; a cancelled ctx
// cuts the conversation off.
func (s *session) Send(ctx context.Context, ml round.Mail) round.SendResult {
	msg, err := s.cfg.message(ml)
	if err != nil {
		return round.SendResult{Err: err, Permanent: true}
	}
	stop := context.AfterFunc(ctx, s.abort)
	err = s.client.Send(msg)
	stop()
	r := round.SendResult{Reply: msg.ServerResponse(), Err: err}
	if err == nil {
		return r
	}
	var se *gomail.SendError
	switch {
	case ctx.Err() != nil:
		r.Err, r.Broken = fmt.Errorf("%w (%w)", ctx.Err(), err), true
	case errors.As(err, &se) && se.ErrorCode() > 0:
		r.Permanent = !se.IsTemp() && se.ErrorCode() >= 500
		_ = s.client.Reset() // start the next mail afresh
	default:
		// No SMTP reply: the connection failed, and the next mail needs a new one.
		r.Broken = true
	}
	return r
}

// Close ends the session.
func (s *session) Close() error {
	err := s.client.Close()
	s.abort()
	return err
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
