package decision_test

import (
	"testing"

	"sendboard/models/modeltest"
)

func TestMain(m *testing.M) { modeltest.Main(m) }
