package pack

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumNames are the executables looked for on the PATH, in order, when
// SENDBOARD_CHROMIUM names none.
var ChromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// FindChromium returns the Chromium to print PDFs with: configured (from
// SENDBOARD_CHROMIUM) when set, else the first of ChromiumNames on the PATH,
// else "". A configured path that is not there is an error, so a typo is
// not mistaken for "no PDF".
func FindChromium(configured string) (string, error) {
	if configured != "" {
		p, err := exec.LookPath(configured)
		if err != nil {
			return "", fmt.Errorf("SENDBOARD_CHROMIUM=%q: %w", configured, err)
		}
		return p, nil
	}
	for _, name := range ChromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", nil
}

// PrintTimeout bounds one PDF, from waiting for the printer to the last
// byte: inside the server's two-minute write timeout, so a stuck browser
// gives the user an error rather than a dropped connection.
const PrintTimeout = 90 * time.Second

// Printer prints the HTML pack to PDF with headless Chromium: one layout for
// both, and Chromium's PDF keeps every character (its fonts are embedded as
// subsets with Unicode maps) and is tagged, with headings, tables, the
// document's title and language, reading order and an outline of bookmarks
// from the headings.
//
// Each PDF gets a browser of its own, in a fresh profile that is deleted
// afterwards, so nothing outlives the call and a crash cannot leak into the
// next pack. Printers print one at a time: a browser takes hundreds of
// megabytes, and packs are made rarely.
type Printer struct {
	Path    string        // the Chromium executable
	Timeout time.Duration // per PDF; PrintTimeout when zero
	once    sync.Once
	turn    chan struct{} // holds a token while a PDF is printing
}

// ErrNoPDF says the PDF cannot be made here.
var ErrNoPDF = errors.New("PDF packs are made with Chromium, which is not installed here: " +
	"install chromium or set SENDBOARD_CHROMIUM (HTML and XLSX packs need nothing)")

// PDF prints doc, a whole HTML document (see HTML), as an A4 PDF: the pack's
// print styles choose the pages (the actions table across a landscape page),
// and each page names the board and quarter and says "Page n of N".
func (pr *Printer) PDF(ctx context.Context, doc []byte, header string) ([]byte, error) {
	if pr == nil || pr.Path == "" {
		return nil, ErrNoPDF
	}
	timeout := pr.Timeout
	if timeout <= 0 {
		timeout = PrintTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	pr.once.Do(func() { pr.turn = make(chan struct{}, 1) })
	select {
	case pr.turn <- struct{}{}:
		defer func() { <-pr.turn }()
	case <-ctx.Done():
		return nil, fmt.Errorf("printing the PDF: waited %s for another pack to finish printing: %w", timeout, ctx.Err())
	}
	dir, err := os.MkdirTemp("", "sendboard-print-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// A file rather than a data: URL: Chromium takes the document's address
	// as the PDF's base, and a file has no size limit.
	page := filepath.Join(dir, "pack.html")
	if err := os.WriteFile(page, doc, 0o600); err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(pr.Path), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String())); err != nil {
		return nil, fmt.Errorf("printing the PDF: opening the pack in Chromium: %w", err)
	}
	b, err := chromedp.Run(bctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFHeaderTemplate(header),
		chromedp.PDFFooterTemplate(pageFooter),
	))
	if err != nil {
		return nil, fmt.Errorf("printing the PDF with Chromium: %w", err)
	}
	return b, nil
}

// pageFooter numbers the pages. Chromium fills the spans with the classes it
// knows; its header and footer have no font size unless given one.
const pageFooter = `<div style="font: 8px Arial, Helvetica, sans-serif; color: #505a5f; width: 100%; margin: 0 12mm; text-align: right">` +
	`Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`
