// Package jobrun records the runs of scheduled jobs for the /jobs page, and
// holds the lock that lets one process at a time run a job.
//
// It imports the core (sendboard/models) and GORM, nothing else of the module.
package jobrun
