package app

import (
	"mime/multipart"
	"unicode/utf8"

	"sendboard/models"
)

// fieldLimits bounds, in characters, the text fields whose natural size is
// small; every other field gets defaultFieldLimit. Checked at the edge, before
// any handler stores or echoes a value, so oversized input is a 400 naming the
// field on both databases instead of disk filling or a PostgreSQL 500.
var fieldLimits = map[string]int{
	"email": 254, "name": 200, "password": 1024, "role": 20, "lead": 200, "lead_role": 200,
	"boards": 200, "board": 200, "quarter": 40, "format": 10, "next": 2048, "_csrf": 128,
	"status": 40, "rag": 20, "version": 20, "milestone": 20, "priority": 20, "priority_area": 20,
	"date": 40, "evidence_url": 2048, "reason": 2000, "current_password": 1024, "new_password": 1024,
	"confirm_password": 1024, "title": 500, "label": 500, "upload": 64,
}

// defaultFieldLimit bounds the free-text fields: progress narratives and
// evidence, comments, plan text and KPI commentary.
const defaultFieldLimit = 10_000

// queryLimit bounds each query-string value (filters, next).
const queryLimit = 2048

// maxFileName bounds an uploaded file's name, in bytes, as file systems do.
const maxFileName = 255

func fieldLimit(name string) int {
	if n, ok := fieldLimits[name]; ok {
		return n
	}
	return defaultFieldLimit
}

// tooLong reports the field's limit when s exceeds it.
func tooLong(field, s string, limit int) error {
	if len(s) <= limit || utf8.RuneCountInString(s) <= limit {
		return nil
	}
	return models.Invalid(field, "must be at most %d characters (this has %d)", limit, utf8.RuneCountInString(s))
}

// checkFileNames refuses uploaded file names that are not text or too long.
func checkFileNames(files map[string][]*multipart.FileHeader) error {
	for field, fhs := range files {
		for _, fh := range fhs {
			if !storableText(fh.Filename) {
				return models.Invalid(field, "the file name contains characters that are not valid text; rename the file and try again")
			}
			if len(fh.Filename) > maxFileName {
				return models.Invalid(field, "the file name must be at most %d bytes (this has %d); rename the file and try again",
					maxFileName, len(fh.Filename))
			}
		}
	}
	return nil
}
