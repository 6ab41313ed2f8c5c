// Command bareecho serves fixed response bodies from memory with bare Echo:
// the limit a cached sendboard answer is measured against in `make bench`.
//
//	bareecho -addr 127.0.0.1:19080 /=dashboard.html:text/html /api/v1/actions=list.json:application/json
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:19080", "address to listen on")
	flag.Parse()
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	for _, arg := range flag.Args() {
		path, rest, ok := strings.Cut(arg, "=")
		file, ctype, ok2 := strings.Cut(rest, ":")
		if !ok || !ok2 {
			log.Fatalf("%q: want PATH=FILE:CONTENT-TYPE", arg)
		}
		body, err := os.ReadFile(file)
		if err != nil {
			log.Fatal(err)
		}
		e.GET(path, func(c echo.Context) error { return c.Blob(http.StatusOK, ctype, body) })
	}
	fmt.Fprintln(os.Stderr, "bareecho listening on", *addr)
	log.Fatal(e.Start(*addr))
}
