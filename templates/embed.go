// Package templates holds the HTML templates and static assets, embedded in the binary.
package templates

import "embed"

// FS holds layout.html, partials/*.html, pages/*.html, mail/ (email wording) and static/.
//
//go:embed *.html partials/*.html pages/*.html static mail
var FS embed.FS
