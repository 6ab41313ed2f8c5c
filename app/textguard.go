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
	"sendboard/models/textrule"
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
		if err := checkValues(r.URL.Query(), func(string) int { return queryLimit }); err != nil {
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
				if err := checkValues(form, fieldLimit); err != nil {
					return err
				}
			}
			if r.MultipartForm != nil {
				if err := checkFileNames(r.MultipartForm.File); err != nil {
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
					if err := checkValues(form, fieldLimit); err != nil {
						return err
					}
				}
				break
			}
			if err := checkJSONText(body); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// storableText reports whether s is valid UTF-8 without NUL characters: the
// rule of models/textrule, which imported spreadsheet cells meet too.
func storableText(s string) bool { return textrule.Storable(s) }

// maxFieldName bounds a parameter's name.
const maxFieldName = 100

func checkValues(v map[string][]string, limit func(string) int) error {
	for key, vals := range v {
		if !storableText(key) || len(key) > maxFieldName {
			return models.Invalid("query", "a parameter name is too long or contains characters that are not valid text")
		}
		for _, s := range vals {
			if !storableText(s) {
				return models.Invalid(key, "contains characters that are not valid text (a NUL character or bytes that are not UTF-8)")
			}
			if err := tooLong(key, s, limit(key)); err != nil {
				return err
			}
			if err := checkNameField(key, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkJSONText finds a string in a JSON body that cannot be stored as sent:
// raw bytes that are not UTF-8 or an escaped lone UTF-16 surrogate (both of
// which encoding/json would silently turn into U+FFFD), a NUL character, or
// text over its field's limit. A body that is not JSON at all is left for
// the handler to report.
func checkJSONText(body []byte) error {
	if !utf8.Valid(body) {
		return models.Invalid("body", "contains characters that are not valid text (bytes that are not UTF-8)")
	}
	if models.HasLoneSurrogate(body) {
		return models.Invalid("body", "contains a lone UTF-16 surrogate escape (such as \\ud800), which is not a character")
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	return walkJSON("body", v)
}

func walkJSON(field string, v any) error {
	switch t := v.(type) {
	case string:
		if strings.ContainsRune(t, 0) {
			return models.Invalid(field, "contains characters that are not valid text (a NUL character)")
		}
		if err := checkNameField(field, t); err != nil {
			return err
		}
		return tooLong(field, t, fieldLimit(field))
	case []any:
		for _, e := range t {
			if err := walkJSON(field, e); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, e := range t {
			if strings.ContainsRune(k, 0) || len(k) > maxFieldName {
				return models.Invalid("body", "a field name is too long or contains characters that are not valid text")
			}
			if err := walkJSON(k, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// nameFields are the inputs that name a person, lead, board or plan, wherever
// they arrive (forms, JSON bodies, filters).
var nameFields = map[string]bool{"name": true, "lead": true, "lead_role": true, "leads": true, "board": true,
	"boards": true, "sro": true, "owner_role": true}

// checkNameField refuses control characters in a name field at the edge, with
// the models' rule and wording, so no handler sees one.
func checkNameField(field, s string) error {
	if !nameFields[field] {
		return nil
	}
	return models.CheckName(field, s)
}
