package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"sendboard/app"
	"sendboard/app/pack"
	"sendboard/models"
	packs "sendboard/models/pack"
	"sendboard/models/schema"
)

func runPack(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "pack", `pack --board "SEND Improvement Board" [--plan SLUG] --quarter "2024-25 Q4" --format pdf|xlsx|html --out FILE`)
	board := fs.String("board", "", `governance board name or slug, or "all" for the whole plan (required)`)
	plan := fs.String("plan", "", `plan slug (default: every plan the board governs; the default plan for "all")`)
	quarter := fs.String("quarter", "", `financial quarter, e.g. "2024-25 Q4" (required)`)
	format := fs.String("format", "", "pdf, xlsx or html (default: from --out's extension)")
	out := fs.String("out", "", `file to write, or "-" for standard output (required)`)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *board == "" || *quarter == "" || *out == "" {
		return usageError{"--board, --quarter and --out are required"}
	}
	f := *format
	if f == "" {
		f = strings.TrimPrefix(filepath.Ext(*out), ".")
	}
	f, err := pack.ParseFormat(f)
	if err != nil {
		return flagError("--format", err)
	}
	if _, err := packs.ParseQuarter(*quarter); err != nil {
		return flagError("--quarter", err)
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	if ok, err := schema.UpToDate(ctx, a.DB); err != nil || !ok {
		return errors.Join(err, errors.New("the database schema is out of date: run `sendboard migrate`"))
	}
	if f == packs.PDF && a.Printer == nil {
		return pack.ErrNoPDF
	}
	bar := newProgressBar(env.stderr, 3)
	defer bar.finish()
	bar.step("reading the plan")
	p, err := a.Packs().Make(ctx, pack.Order{Board: *board, Plan: *plan, Quarter: *quarter}, "")
	if ie, ok := models.IsInvalid(err); ok && ie.Field == "plan" {
		return flagError("--plan", err)
	}
	if ie, ok := models.IsInvalid(err); ok && ie.Field == "board" {
		return unknownBoard(ctx, a, ie.Message)
	}
	if err != nil {
		return err
	}
	bar.step("rendering " + strings.ToUpper(f))
	b, err := pack.Render(ctx, p, f, a.Printer)
	if err != nil {
		return err
	}
	bar.step("writing")
	if *out == "-" {
		_, err = env.stdout.Write(b)
		return err
	}
	if err := writeFileAtomic(*out, b); err != nil {
		return err
	}
	bar.finish()
	fmt.Fprintf(env.stderr, "%s: %s, %s, %d actions, %d bytes\n", *out, p.BoardName, p.Quarter, len(p.Actions), len(b))
	return nil
}

// unknownBoard adds the boards --board accepts to the message about one it
// does not.
func unknownBoard(ctx context.Context, a *app.App, msg string) error {
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return err
	}
	names := []string{`"all" (the whole plan)`}
	for _, b := range ref.Boards {
		names = append(names, fmt.Sprintf("%q", b.Name))
	}
	return fmt.Errorf("--board: %s; use one of: %s", msg, strings.Join(names, ", "))
}

// flagError words a bad flag value as a usage error, with the validation
// message when there is one.
func flagError(flag string, err error) error {
	if ie, ok := models.IsInvalid(err); ok {
		return usageError{flag + ": " + ie.Message}
	}
	return usageError{flag + ": " + err.Error()}
}

// writeFileAtomic writes b beside path and renames it into place, so a failed
// run never leaves half a pack where a good one was.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pack-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// progressBar draws "[#####-----] 2/3 rendering PDF 1.2s" on a terminal,
// redrawn every 200 ms so a slow step still shows life; it draws nothing when
// stderr is not a terminal (scripts, CI).
type progressBar struct {
	w          io.Writer
	total, n   int
	label      string
	start      time.Time
	mu         sync.Mutex
	stop, done chan struct{}
	once       sync.Once
}

func newProgressBar(w io.Writer, total int) *progressBar {
	b := &progressBar{w: w, total: total, start: time.Now()}
	if f, ok := w.(*os.File); !ok || !isatty.IsTerminal(f.Fd()) {
		b.w = nil
		return b
	}
	b.stop, b.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(b.done)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-b.stop:
				return
			case <-t.C:
				b.draw()
			}
		}
	}()
	return b
}

func (b *progressBar) step(label string) {
	b.mu.Lock()
	b.n++
	b.label = label
	b.mu.Unlock()
	b.draw()
}

func (b *progressBar) draw() {
	if b.w == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	const width = 20
	filled := width * (b.n - 1) / b.total
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d %-24s %5.1fs", strings.Repeat("#", filled), strings.Repeat("-", width-filled),
		b.n, b.total, b.label, time.Since(b.start).Seconds())
}

// finish stops redrawing and clears the line.
func (b *progressBar) finish() {
	b.once.Do(func() {
		if b.w == nil {
			return
		}
		close(b.stop)
		<-b.done
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", 60))
	})
}
