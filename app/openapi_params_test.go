package app_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"sendboard/models"
)

// TestOpenAPIListsEveryActionFilter: both action lists document every query
// parameter the filter reads, found by setting every field of the filter and
// reading back the parameters it renders, so a new filter cannot go
// undocumented on either route.
func TestOpenAPIListsEveryActionFilter(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatal(err)
	}
	var f models.ActionFilter
	v := reflect.ValueOf(&f).Elem()
	for i := range v.NumField() {
		switch fv := v.Field(i); fv.Kind() {
		case reflect.String:
			fv.SetString("x")
		case reflect.Int:
			fv.SetInt(1)
		case reflect.Bool:
			fv.SetBool(true)
		}
	}
	want := []string{"limit", "after"}
	for name := range f.Query() {
		want = append(want, name)
	}
	if len(want) < 12 {
		t.Fatalf("the filter renders only %v", want)
	}
	for _, path := range []string{"/api/v1/actions", "/api/v1/plans/{plan}/actions"} {
		op := doc.Paths.Find(path).Get
		for _, name := range want {
			if op.Parameters.GetByInAndName("query", name) == nil {
				t.Errorf("GET %s does not document the %q parameter", path, name)
			}
		}
	}
}
