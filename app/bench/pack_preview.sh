#!/usr/bin/env bash
# Renders a governance pack to PDF with the real binary and its first two
# pages to PNG (pdftoppm), so a person can look at what a board would be given.
# `make bench` runs it through app/bench/run.sh; it also runs on its own:
#
#   bash app/bench/pack_preview.sh            # seeded SQLite in a temp dir
#   DATABASE_URL=postgres://... bash app/bench/pack_preview.sh
#
# Settings (environment):
#   DATABASE_URL      PostgreSQL to use (migrated and seeded if empty); unset: a scratch SQLite
#   PACK_BOARD        board name or "all"           (SEND Improvement Board)
#   PACK_QUARTER      financial quarter             (2024-25 Q4)
#   PACK_PREVIEW_OUT  where the PDF and PNGs go     (bin/pack-preview)
#   PACK_PAGES        last page to render           (2)
set -euo pipefail

cd "$(dirname "$0")/../.."
export PATH="/usr/local/go/bin:$PATH"
BIN=${BIN:-bin/sendboard}
BOARD=${PACK_BOARD:-SEND Improvement Board}
QUARTER=${PACK_QUARTER:-2024-25 Q4}
OUT=${PACK_PREVIEW_OUT:-bin/pack-preview}
PAGES=${PACK_PAGES:-2}

say() { printf '[pack-preview %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

[[ -x $BIN ]] || { say "building $BIN"; CGO_ENABLED=0 go build -trimpath -o "$BIN" ./cmd/sendboard; }
if ! command -v pdftoppm >/dev/null; then
	say "pdftoppm is missing; installing poppler-utils with apt-get"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null ||
		{ say "ERROR: could not install poppler-utils"; exit 1; }
fi
SCRATCH=$(mktemp -d /tmp/sendboard-pack-preview.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
if [[ -z ${DATABASE_URL:-} ]]; then
	export SENDBOARD_SQLITE="$SCRATCH/preview.db"
fi
"$BIN" migrate >/dev/null
"$BIN" seed >/dev/null # adds the plan only if it is missing
mkdir -p "$OUT"
rm -f "$OUT"/page-*.png
t0=$(date +%s.%N)
"$BIN" pack --board "$BOARD" --quarter "$QUARTER" --format pdf --out "$OUT/pack.pdf"
t1=$(date +%s.%N)
pdftoppm -png -r 60 -f 1 -l "$PAGES" "$OUT/pack.pdf" "$OUT/page"
say "$BOARD, $QUARTER: $(pdfinfo "$OUT/pack.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') s (the whole command, database open included)"
say "look at: $OUT/pack.pdf $(ls "$OUT"/page-*.png | tr '\n' ' ')"
