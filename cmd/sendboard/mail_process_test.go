package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/app/mailtest"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// proc is a sendboard process: this test binary run as the command.
type proc struct {
	cmd *exec.Cmd
	out *syncBuffer
}

// startProc runs `sendboard args...` as a process of its own on d's database,
// with the extra environment given.
func startProc(t *testing.T, d modeltest.DB, extra map[string]string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "DATABASE_URL" && k != "SENDBOARD_SQLITE" && !strings.HasPrefix(k, "SENDBOARD_SMTP") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "SENDBOARD_TEST_MAIN=1", "SENDBOARD_LOG_LEVEL=warn")
	if d.Name == "postgres" {
		cmd.Env = append(cmd.Env, "DATABASE_URL="+d.DSN)
	} else {
		cmd.Env = append(cmd.Env, "SENDBOARD_SQLITE="+d.DSN)
	}
	for k, v := range extra {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p := &proc{cmd: cmd, out: &syncBuffer{}}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return p
}

// startServer runs `sendboard serve` and waits until it answers.
func startServer(t *testing.T, d modeltest.DB, extra map[string]string) *proc {
	t.Helper()
	addr := freeAddr(t)
	p := startProc(t, d, extra, "serve", "--addr", addr)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer within 60 s:\n%s", p.out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// queueMails puts n mails in the outbox, due now, with subjects "Mail 0"...
func queueMails(t *testing.T, db *gorm.DB, n int) {
	t.Helper()
	now := time.Now()
	mails := make([]round.Mail, n)
	for i := range mails {
		mails[i] = round.Mail{Kind: round.MailRequest, ToAddr: fmt.Sprintf("lead%d@example.test", i), Subject: fmt.Sprintf("Mail %d", i),
			TextBody: "Text", HTMLBody: "<p>HTML</p>", Status: round.MailQueued, NextAttemptAt: now, CreatedAt: now}
	}
	if err := db.CreateInBatches(mails, 200).Error; err != nil {
		t.Fatal(err)
	}
}

// deliveries counts how often the server got each subject.
func deliveries(srv *mailtest.Server) map[string]int {
	seen := map[string]int{}
	for _, m := range srv.Messages() {
		seen[m.Subject()]++
	}
	return seen
}

// waitAllSent waits until every one of n mails is recorded sent.
func waitAllSent(t *testing.T, db *gorm.DB, n int64, procs ...*proc) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		var sent int64
		db.Model(&round.Mail{}).Where("status = ?", round.MailSent).Count(&sent)
		if sent == n {
			return
		}
		if time.Now().After(deadline) {
			var logs []string
			for _, p := range procs {
				logs = append(logs, p.out.String())
			}
			t.Fatalf("%d of %d mails sent after 90 s:\n%s", sent, n, strings.Join(logs, "\n---\n"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestKilledServerRepeatsAtMostOneMail kills a real `sendboard serve` with
// SIGKILL while it sends a batch to a real SMTP server, then starts it again:
// every mail arrives, at most the one in flight at the kill arrives twice, and
// that one is marked as maybe sent twice.
func TestKilledServerRepeatsAtMostOneMail(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		const total = 300
		queueMails(t, d.DB, total)
		srv := mailtest.Start(t)
		srv.SetDelay(5 * time.Millisecond)
		env := map[string]string{"SENDBOARD_SMTP_URL": srv.URL(), "SENDBOARD_MAIL_SEND_TIMEOUT": "1s"}
		p := startServer(t, d, env)
		deadline := time.Now().Add(60 * time.Second)
		for len(srv.Messages()) < 50 {
			if time.Now().After(deadline) {
				t.Fatalf("the server sent %d mails in 60 s:\n%s", len(srv.Messages()), p.out)
			}
			time.Sleep(2 * time.Millisecond)
		}
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		p.cmd.Wait()
		atKill := len(srv.Messages())
		var sending, sent int64
		d.DB.Model(&round.Mail{}).Where("status = ?", round.MailSending).Count(&sending)
		d.DB.Model(&round.Mail{}).Where("status = ?", round.MailSent).Count(&sent)
		t.Logf("killed after %d deliveries: %d recorded sent, %d left sending", atKill, sent, sending)
		if sending > 1 || atKill >= total {
			t.Fatalf("%d mails left sending (want at most the one in flight); %d of %d delivered before the kill", sending, atKill, total)
		}
		if int64(atKill)-sent > 1 {
			t.Fatalf("%d mails delivered but only %d recorded: more than the one in flight is unrecorded", atKill, sent)
		}

		time.Sleep(1200 * time.Millisecond) // past the send timeout: the mail left sending is taken for lost
		p = startServer(t, d, env)
		waitAllSent(t, d.DB, total, p)
		seen := deliveries(srv)
		twice := 0
		for i := range total {
			subject := fmt.Sprintf("Mail %d", i)
			switch seen[subject] {
			case 1:
			case 2:
				twice++
				var m round.Mail
				d.DB.Where("subject = ?", subject).Take(&m)
				if !m.MaybeDuplicate {
					t.Errorf("%s arrived twice but is not marked as maybe sent twice", subject)
				}
			default:
				t.Errorf("%s arrived %d times", subject, seen[subject])
			}
		}
		t.Logf("%d deliveries for %d mails: %d repeated", len(srv.Messages()), total, twice)
		if twice > 1 {
			t.Fatalf("%d mails arrived twice, want at most the one in flight", twice)
		}
		var flagged int64
		d.DB.Model(&round.Mail{}).Where("maybe_duplicate = ?", true).Count(&flagged)
		if flagged != sending {
			t.Errorf("%d mails marked maybe sent twice, want the %d left sending", flagged, sending)
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		p.cmd.Wait()
	})
}

// TestMailSendRacesTheServer runs `sendboard mail send` three times, each in
// a process of its own, while a real server is sending the same outbox: each
// mail arrives once.
func TestMailSendRacesTheServer(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		const total = 200
		queueMails(t, d.DB, total)
		srv := mailtest.Start(t)
		srv.SetDelay(10 * time.Millisecond)
		env := map[string]string{"SENDBOARD_SMTP_URL": srv.URL()}
		var clis []*proc
		server := startServer(t, d, env)
		// The commands start while the server's run is under way.
		deadline := time.Now().Add(60 * time.Second)
		for len(srv.Messages()) < 10 && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		for range 3 {
			clis = append(clis, startProc(t, d, env, "mail", "send"))
		}
		for _, c := range clis {
			if err := c.cmd.Wait(); err != nil {
				t.Errorf("mail send: %v\n%s", err, c.out)
			}
		}
		waitAllSent(t, d.DB, total, append(clis, server)...)
		server.cmd.Process.Signal(syscall.SIGTERM)
		server.cmd.Wait()
		seen := deliveries(srv)
		for i := range total {
			if n := seen[fmt.Sprintf("Mail %d", i)]; n != 1 {
				t.Errorf("Mail %d arrived %d times", i, n)
			}
		}
		if n := len(srv.Messages()); n != total {
			t.Fatalf("%d deliveries for %d mails", n, total)
		}
		var outs []string
		for _, c := range clis {
			outs = append(outs, strings.TrimSpace(c.out.String()))
		}
		t.Logf("the commands said: %q", outs)
	})
}
