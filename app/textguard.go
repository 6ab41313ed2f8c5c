package app

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// textGuard refuses text that PostgreSQL cannot store (a NUL character or
// bytes that are not UTF-8) in the path, the query string, form fields and JSON
// bodies, with a 400 naming the field. Without it such input reached the
// database and came back as a 500 on PostgreSQL while SQLite accepted it.
func (a *App) textGuard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if !storableText(r.URL.Path) {
			return models.Invalid("path", "the address contains characters that are not valid text")
		}
		if err := checkValues(r.URL.Query()); err != nil {
			return err
		}
		if r.Method == "GET" || r.Method == "HEAD" || r.Body == nil {
			return next(c)
		}
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch {
		case ct == "multipart/form-data":
			form, err := c.FormParams() // parsed once; handlers reuse r.MultipartForm
			if err == nil {
				if err := checkValues(form); err != nil {
					return err
				}
			}
		case ct == "application/x-www-form-urlencoded" || ct == "application/json" || strings.HasSuffix(ct, "+json"):
			body, err := io.ReadAll(r.Body)
			if err != nil {
				return err // the body limit's 413, or the client went away
			}
			// Put the body back so a JSON handler sent a form still reports what it got.
			r.Body = io.NopCloser(bytes.NewReader(body))
			if ct == "application/x-www-form-urlencoded" {
				form, err := url.ParseQuery(string(body))
				if err == nil {
					if err := checkValues(form); err != nil {
						return err
					}
				}
				break
			}
			if field, bad := badJSONText(body); bad {
				return models.Invalid(field, "contains characters that are not valid text (a NUL character or bytes that are not UTF-8)")
			}
		}
		return next(c)
	}
}

// storableText reports whether s is valid UTF-8 without NUL characters.
func storableText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

func checkValues(v map[string][]string) error {
	for key, vals := range v {
		if !storableText(key) {
			return models.Invalid("query", "a parameter name contains characters that are not valid text")
		}
		for _, s := range vals {
			if !storableText(s) {
				return models.Invalid(key, "contains characters that are not valid text (a NUL character or bytes that are not UTF-8)")
			}
		}
	}
	return nil
}

// badJSONText finds a string in a JSON body that cannot be stored. Only bodies
// that could hold one (raw invalid UTF-8 or a \u0000 escape) are decoded; a
// body that is not JSON at all is left for the handler to report.
func badJSONText(body []byte) (field string, bad bool) {
	if utf8.Valid(body) && !bytes.Contains(bytes.ToLower(body), []byte(`\u0000`)) {
		return "", false
	}
	if !utf8.Valid(body) {
		return "body", true // encoding/json would silently turn these bytes into U+FFFD
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return "", false
	}
	return findNUL("body", v)
}

func findNUL(field string, v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return field, strings.ContainsRune(t, 0)
	case []any:
		for _, e := range t {
			if f, bad := findNUL(field, e); bad {
				return f, true
			}
		}
	case map[string]any:
		for k, e := range t {
			if strings.ContainsRune(k, 0) {
				return "body", true
			}
			if f, bad := findNUL(k, e); bad {
				return f, true
			}
		}
	}
	return "", false
}
