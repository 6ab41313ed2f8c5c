package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// maxJSONBody bounds what an API write reads before decoding: the largest
// body the API takes (an action with every text field at its limit) is a
// small part of it, and a bigger one is refused unread rather than held in
// memory as JSON values.
const maxJSONBody = 1 << 20

// readJSON is the API's one JSON body decoder: it reads at most maxJSONBody
// bytes (more is a 413) and decodes one value into v, refusing fields v
// lacks, anything after the value and a field given twice (encoding/json
// would silently keep the last). Decoding errors are encoding/json's own, for
// the caller to word.
func readJSON(c echo.Context, v any) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxJSONBody+1))
	if err != nil {
		return err // the server's own body limit (a 413), or the client went away
	}
	if len(body) > maxJSONBody {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "the body is larger than the "+humanBytes(maxJSONBody)+" limit")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return models.Invalid("body", "the body has more after its JSON value (at byte %d); send one JSON object", dec.InputOffset())
	}
	if key := duplicateKey(body); key != "" {
		return models.Invalid(key, "the body gives the field %q more than once; send each field once", key)
	}
	return nil
}

// decodeBody reads the request's JSON object into v, wording any problem for
// the caller; an unknown field is answered with fields, the ones the route
// takes ("due, reason and version").
func decodeBody(c echo.Context, v any, fields string) error {
	return bodyError(readJSON(c, v), fields)
}

// decodeOptionalBody is decodeBody for a route whose fields may all be left
// out: an empty body reads as an empty object.
func decodeOptionalBody(c echo.Context, v any, fields string) error {
	if err := readJSON(c, v); !errors.Is(err, io.EOF) {
		return bodyError(err, fields)
	}
	return nil
}

// bodyError words a JSON decoding failure for the API caller, naming the
// field where there is one; errors that already carry a status pass as they are.
func bodyError(err error, fields string) error {
	var he *echo.HTTPError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var ie *models.InvalidError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &he), errors.As(err, &ie):
		return err
	case errors.As(err, &syn):
		return models.Invalid("body", "the body is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return models.Invalid(typ.Field, "must be a JSON %s, not %s", typ.Type.Kind(), typ.Value)
	case errors.As(err, &typ):
		return models.Invalid("body", "the body must be a JSON object, not %s", typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return models.Invalid("body", "unknown field %s; the fields are %s", strings.TrimPrefix(err.Error(), "json: unknown field "), fields)
	case errors.Is(err, io.EOF):
		return models.Invalid("body", "the body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return models.Invalid("body", "the body is not valid JSON: it ends too soon")
	}
	return models.Invalid("body", "the body could not be read as JSON: %v", err)
}
