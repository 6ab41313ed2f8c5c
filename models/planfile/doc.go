// Package planfile reads the spreadsheets local areas keep their plans in (XLSX
// or CSV) into a plan, and writes a plan back out in a layout it reads. It does
// no I/O beyond the bytes it is given and knows nothing of the database.
//
// It imports the standard library, excelize and models/textrule (the rule
// stored text must meet), nothing else of this module.
package planfile
