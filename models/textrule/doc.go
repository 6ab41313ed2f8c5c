// Package textrule holds the one rule every piece of text the application
// stores must meet, whichever way it arrives (a form, a JSON body, a cell of
// an imported spreadsheet): valid UTF-8 without NUL characters, which
// PostgreSQL cannot store and SQLite would keep.
//
// It imports the standard library only, so the web layer, the core and the
// spreadsheet reader (models/planfile) can all apply it.
package textrule
