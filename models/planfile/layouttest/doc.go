// Package layouttest writes plan spreadsheets in the layouts areas publish
// (a RAG column per review period in words, Start and End dates as months,
// a reference used twice with "(A)" and "(B)", no reference column,
// "Ongoing" for a date, a Date completed column) as XLSX and CSV, for tests
// and benchmarks of the import.
//
// It imports the standard library and excelize, nothing of this module.
package layouttest
