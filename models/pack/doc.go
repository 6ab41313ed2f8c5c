// Package pack assembles a quarterly governance pack (the state of a board's
// actions at a quarter's end, its changes, exceptions, updates, KPIs and DfE
// benchmarks) in a fixed number of statements, stores its renderings, and
// says when scheduled packs fall due. Its fixture for tests is pack/packtest.
//
// It imports the core (sendboard/models), models/schema, models/measure and
// models/round; neither of those imports it. Rendering is app/pack's.
package pack
