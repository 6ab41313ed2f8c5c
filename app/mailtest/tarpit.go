package mailtest

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tarpit is an SMTP server that answers every command, correctly but only
// after a delay, as an overloaded or hostile server does: it tests that a
// sender's deadlines hold whatever the server does.
type Tarpit struct {
	Addr  string
	Delay time.Duration
	ln    net.Listener
	mu    sync.Mutex
	conns int
}

// StartTarpit listens on a free port of 127.0.0.1 until the test ends.
func StartTarpit(t testing.TB, delay time.Duration) *Tarpit {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("tarpit: %v", err)
	}
	tp := &Tarpit{Addr: ln.Addr().String(), Delay: delay, ln: ln}
	go tp.serve()
	t.Cleanup(func() { ln.Close() })
	return tp
}

// URL is the SENDBOARD_SMTP_URL for the tarpit.
func (tp *Tarpit) URL() string { return "smtp://" + tp.Addr + "?tls=none" }

// Connections counts the sessions opened so far.
func (tp *Tarpit) Connections() int {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return tp.conns
}

func (tp *Tarpit) serve() {
	for {
		c, err := tp.ln.Accept()
		if err != nil {
			return
		}
		tp.mu.Lock()
		tp.conns++
		tp.mu.Unlock()
		go tp.session(c)
	}
}

// session speaks just enough SMTP for a client to send mail, slowly. It
// stops when the client hangs up; the reply it is sleeping on is then lost.
func (tp *Tarpit) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) bool {
		_, err := c.Write([]byte(s + "\r\n"))
		return err == nil
	}
	if !say("220 tarpit.local ESMTP") {
		return
	}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		time.Sleep(tp.Delay)
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-tarpit.local\r\n250 8BITMIME")
		case strings.HasPrefix(cmd, "DATA"):
			say("354 go ahead")
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" || l == ".\n" {
					break
				}
			}
			time.Sleep(tp.Delay)
			say("250 queued")
		case strings.HasPrefix(cmd, "QUIT"):
			say("221 bye")
			return
		default:
			if !say("250 OK") {
				return
			}
		}
	}
}
