package app_test

// extraMatrixRoutes holds the rows for the jobs and packs write routes.
func extraMatrixRoutes() []writeRoute { return nil }
