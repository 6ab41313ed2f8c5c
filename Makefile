# sendboard: `make run` serves on http://127.0.0.1:8080 with an embedded SQLite
# database; `make test` runs every test (PostgreSQL too when TEST_DATABASE_URL is set).
GO      ?= go
BIN     := bin/sendboard
# `make install` copies the binary to $(DESTDIR)$(PREFIX)/bin; DESTDIR stages
# it for a package.
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

# Linters run pinned through `go run`, so a fresh machine needs nothing but Go.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0

.PHONY: build run install test bench vet lint tracked vulncheck tidy vendor-govuk clean

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/sendboard

run: build
	./$(BIN) serve $(if $(ADDR),--addr $(ADDR))

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/sendboard

# go test runs the high-confidence vet checks itself; `make lint` runs the rest.
test:
	$(GO) test -count=1 -timeout 30m ./...

bench: build
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/bareecho ./app/bench/bareecho
	bash app/bench/run.sh

vet:
	$(GO) vet ./...

# Every staticcheck check, less the style checks this code base does not
# follow: package comments on every package (ST1000), Go's initialism spelling
# (ST1003), receiver names (ST1016) and the comment forms of ST1020-ST1023.
STATICCHECK_CHECKS := all,-ST1000,-ST1003,-ST1016,-ST1020,-ST1021,-ST1022,-ST1023

# go vet, gofmt, staticcheck, and nothing built in the repository.
lint: vet tracked
	@out=$$(gofmt -l cmd app models seeds); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) run $(STATICCHECK) -checks '$(STATICCHECK_CHECKS)' ./...

# Build output does not belong in the repository: no tracked file over 1 MB,
# and no executable file that is not a script (a #! first line).
tracked:
	@out=$$( { git ls-files -s | awk '$$1 == "100755" {print $$4}' | while read -r f; do \
		[ "$$(head -c 2 "$$f")" = '#!' ] || echo "tracked executable that is not a script: $$f"; done; \
		git ls-files -z | xargs -0 stat -c '%s %n' 2>/dev/null | awk '$$1 > 1048576 {print "tracked file over 1 MB: " $$2 " (" $$1 " bytes)"}'; } ); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi

# Known vulnerabilities in the code paths the binary uses (needs vuln.go.dev).
vulncheck:
	$(GO) run $(GOVULNCHECK) ./...

tidy:
	$(GO) mod tidy

# Re-vendor GOV.UK Frontend's built files from npm (pinned version). The GDS
# Transport font is GOV.UK's own, so its @font-face rules are stripped and the
# stylesheet falls back to Arial.
GOVUK_VERSION := 6.6.0
vendor-govuk:
	rm -rf /tmp/govuk-vendor && mkdir -p /tmp/govuk-vendor
	cd /tmp/govuk-vendor && npm pack govuk-frontend@$(GOVUK_VERSION) >/dev/null && tar xzf govuk-frontend-$(GOVUK_VERSION).tgz
	mkdir -p templates/static/govuk/images
	sed -e 's/@font-face{[^}]*}//g' -e 's/GDS Transport,//g' -e 's#url(/assets/images/#url(/static/govuk/images/#g' \
	    -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
	    /tmp/govuk-vendor/package/dist/govuk/govuk-frontend.min.css > templates/static/govuk/govuk-frontend.min.css
	cd /tmp/govuk-vendor/package/dist/govuk/assets/images && cp favicon.ico favicon.svg govuk-crest.svg govuk-icon-mask.svg govuk-icon-180.png $(CURDIR)/templates/static/govuk/images/

clean:
	rm -rf bin sendboard.db sendboard.db-wal sendboard.db-shm
