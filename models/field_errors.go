package models

import (
	"errors"
	"strings"
)

// FieldErrors is every problem found in one form, in the order of its fields,
// so a page can show them all at once. It unwraps to its InvalidErrors, so
// code that handles a single InvalidError (the API) still sees the first.
type FieldErrors []*InvalidError

// Add records a problem with field unless the field already has one: the
// first problem found with a field is the one to fix first.
func (fe *FieldErrors) Add(field, format string, args ...any) {
	if fe.Has(field) {
		return
	}
	*fe = append(*fe, Invalid(field, format, args...).(*InvalidError))
}

// Has reports whether field already has a problem.
func (fe FieldErrors) Has(field string) bool {
	for _, e := range fe {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Err returns nil when there are no problems, else fe.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

func (fe FieldErrors) Error() string {
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.As find the first InvalidError.
func (fe FieldErrors) Unwrap() []error {
	out := make([]error, len(fe))
	for i, e := range fe {
		out[i] = e
	}
	return out
}

// AsFieldErrors returns every field problem in err: all of a FieldErrors, or
// the one InvalidError. ok is false when err is not about the input.
func AsFieldErrors(err error) (FieldErrors, bool) {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe, true
	}
	if ie, ok := IsInvalid(err); ok {
		return FieldErrors{ie}, true
	}
	return nil, false
}
