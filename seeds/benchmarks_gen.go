//go:build ignore

// benchmarks_gen writes seeds/benchmarks/: the slice of DfE's shipped
// benchmark files the seeded install carries (Dorset 838 and its predecessor
// 835, England, South West and Dorset's ten statistical neighbours), rows
// unchanged except that each measure's name moves to its first kept row.
//
//	go run seeds/benchmarks_gen.go -src ../shared/benchmarks
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const area = "838"

var keep = map[string]bool{"838": true, "835": true, "970": true, "990": true}

func main() {
	src := flag.String("src", "../shared/benchmarks", "folder with DfE's shipped files")
	out := flag.String("out", "seeds/benchmarks", "folder to write")
	flag.Parse()
	sn := read(filepath.Join(*src, "statistical_neighbours_may_2025.csv"))
	var snRows [][]string
	for _, r := range sn[1:] {
		if r[0] == area || r[0] == "835" {
			snRows = append(snRows, r)
		}
		if r[0] == area {
			for c := 5; c < len(r); c += 2 {
				keep[r[c]] = true
			}
		}
	}
	if len(keep) != 14 {
		log.Fatalf("%d areas kept, want 14", len(keep))
	}
	write(filepath.Join(*out, "statistical_neighbours_may_2025.csv"), sn[0], snRows)
	codes := read(filepath.Join(*src, "la_codes.csv"))
	var codeRows [][]string
	for _, r := range codes[1:] {
		if keep[r[0]] {
			codeRows = append(codeRows, r)
		}
	}
	write(filepath.Join(*out, "la_codes.csv"), codes[0], codeRows)
	m := read(filepath.Join(*src, "lait_send_measures.csv"))
	names := map[string]string{}
	named := map[string]bool{}
	var mRows [][]string
	for _, r := range m[1:] {
		if r[1] != "" && names[r[0]] == "" {
			names[r[0]] = r[1]
		}
		if !keep[r[5]] {
			continue
		}
		r[1] = ""
		if !named[r[0]] {
			named[r[0]] = true
			r[1] = names[r[0]]
		}
		mRows = append(mRows, r)
	}
	write(filepath.Join(*out, "lait_send_measures.csv"), m[0], mRows)
	dict, err := os.ReadFile(filepath.Join(*src, "lait_send_dictionary.csv"))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "lait_send_dictionary.csv"), dict, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d measure rows, %d areas\n", len(mRows), len(keep))
}

func read(path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			log.Fatal(err)
		}
		if len(out) == 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
		}
		out = append(out, rec)
	}
}

func write(path string, header []string, rows [][]string) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	w := csv.NewWriter(f)
	_ = w.Write(header)
	_ = w.WriteAll(rows)
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
