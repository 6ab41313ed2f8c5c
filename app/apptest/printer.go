package apptest

import (
	"sync"
	"testing"

	"sendboard/app/pack"
	"sendboard/app/pack/pdftest"
)

// The app's tests share one printer, so they print PDFs one at a time as the
// app does, and a loaded machine runs one Chromium for them at a time.
var (
	printer     pack.Printer
	printerOnce sync.Once
)

// PrintPDF gives the app Chromium to print PDF packs with, as Open does when
// Chromium is installed (apptest's apps have none, so their packs are HTML
// and XLSX). In CI a missing Chromium fails the test.
func (e *Env) PrintPDF(t testing.TB) {
	t.Helper()
	path := pdftest.Chromium(t)
	printerOnce.Do(func() { printer.Path = path })
	e.App.Printer = &printer
}
