// Package schema holds the ordered, recorded migrations of the database and
// the setup lock that serialises start-up work (migrating, seeding, the
// first administrator) across replicas, and the SQLite connection settings
// (SQLiteDSN) the server, the command line and the tests all open files with.
//
// A migration is frozen SQL (or Go over raw tables), never a live model, so
// the package imports only GORM and the standard library. Its tests may load
// the core models and the seeds to check the data a migration leaves.
package schema
