package main

import (
	"testing"

	"sendboard/models/modeltest"
)

func TestMain(m *testing.M) { modeltest.Main(m) }
