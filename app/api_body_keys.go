package app

import (
	"bytes"
	"encoding/json"
)

// duplicateKey is the first object key that appears twice in one object of
// the JSON value body holds, at any depth, or "". body has already decoded
// without error, so a token error only ends the search.
func duplicateKey(body []byte) string {
	type frame struct {
		keys      map[string]bool // nil for an array
		expectKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &frame{keys: map[string]bool{}, expectKey: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return "" // the end of the value
				}
				if parent := stack[len(stack)-1]; parent.keys != nil {
					parent.expectKey = true
				}
			}
			continue
		}
		switch {
		case top == nil:
			return "" // a lone scalar has no keys
		case top.keys != nil && top.expectKey:
			key, _ := tok.(string)
			if top.keys[key] {
				return key
			}
			top.keys[key], top.expectKey = true, false
		case top.keys != nil:
			top.expectKey = true
		}
	}
}
