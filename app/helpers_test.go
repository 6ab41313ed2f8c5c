package app_test

import (
	"net/http/httptest"
	"strconv"
)

// httpResult is a recorded response.
type httpResult = httptest.ResponseRecorder

func snippet(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }
