package models

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrForbidden is returned when the acting user may not do what they asked.
var ErrForbidden = errors.New("you do not have permission to do that")

// ErrUnauthorized is returned when no user is signed in for an operation that needs one.
var ErrUnauthorized = errors.New("sign in to continue")

// InvalidError reports bad input, naming the field (or line) that is wrong so the
// user can be shown where to fix it.
type InvalidError struct {
	Field   string
	Message string
}

func (e *InvalidError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Invalid builds an InvalidError for field.
func Invalid(field, format string, args ...any) error {
	return &InvalidError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ConflictError reports that a record changed since the caller read it; Current
// carries the newer state so it can be shown next to the refused input.
type ConflictError struct {
	Message string
	Current any
}

func (e *ConflictError) Error() string { return e.Message }

// IsInvalid reports whether err is (or wraps) an InvalidError and returns it.
func IsInvalid(err error) (*InvalidError, bool) {
	var ie *InvalidError
	ok := errors.As(err, &ie)
	return ie, ok
}
