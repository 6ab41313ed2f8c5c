#!/usr/bin/env bash
# `make bench`: serves N = 60 and N = 10,000 actions from PostgreSQL and drives
# the dashboard and GET /api/v1/actions with wrk (32 connections, 10 s each),
# printing req/s, p50/p99 latency, SQL statements per request and peak RSS
# next to the speed targets; then runs the Go benchmarks (checking the plan
# import and the 500-risk pack against their targets) and, if present,
# app/bench/pack_preview.sh. A benchmark, not a test: missed targets are
# reported, not failed; only a broken run exits non-zero.
#
# Settings (environment):
#   BENCH_PG        server URL without database  (postgres://postgres@127.0.0.1:5432)
#   BENCH_DB        scratch database, dropped and recreated (sendboard_bench)
#   BENCH_DURATION  seconds per wrk run          (10)
#   BENCH_CONNS     concurrent connections       (32)
#   BENCH_SIZES     action counts to load        ("60 10000")
#   BENCH_GO        run the Go benchmarks        (1; 0 skips them)
#   BENCH_ANALYZE   VACUUM ANALYZE after loading (1; 0 measures the cold,
#                   never-analysed tables a bulk load leaves behind)
#   BENCH_BARE      compare with bare Echo, run the signed-in mix and the
#                   cross-replica checks at N = 60 (1; 0 skips them)
#   BENCH_PROFILE   1: also take a CPU profile of each run and print its top
#                   functions (profiles kept in /tmp/sendboard-bench-profiles)
#
# SQL statements per request come from PostgreSQL's own counters:
# pg_stat_database.xact_commit for the scratch database, read before and after
# 200 sequential requests once the pool is warm. The server runs every
# statement outside an explicit transaction (autocommit), so each one commits
# exactly one transaction; pg_stat_statements would be exact too but needs
# shared_preload_libraries, which a shared server rarely has. As a cross-check
# the server runs with SENDBOARD_PPROF (app/pprof.go), whose GORM callback
# counts the statements the app issues; both figures are printed. CPU per
# request (server process and its PostgreSQL backends, from /proc) is printed
# too: unlike req/s it hardly changes when other work shares the machine.
set -euo pipefail

cd "$(dirname "$0")/../.."
export PATH="/usr/local/go/bin:$PATH"

PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
DB="${BENCH_DB:-sendboard_bench}"
DURATION="${BENCH_DURATION:-10}"
CONNS="${BENCH_CONNS:-32}"
SIZES="${BENCH_SIZES:-60 10000}"
BIN=bin/sendboard
DB_URL="$PG/$DB?sslmode=disable"
ADMIN_URL="$PG/postgres?sslmode=disable"
WORK=$(mktemp -d /tmp/sendboard-bench.XXXXXX)
SERVER_PID=""
DEBUG=""     # the server's pprof / statement-counter address
PROFILES=/tmp/sendboard-bench-profiles
RESULTS=()   # "label|req/s|p50 ms|p99 ms|sql/req|target text|ok"
MISSES=0

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { say "ERROR: $*"; exit 1; }

stop_server() {
	if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

admin_sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "$1"; }

need_tools() {
	[[ -x $BIN ]] || die "$BIN is missing: run \`make bench\` (it builds first)"
	command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"
	admin_sql 'select 1' >/dev/null || die "cannot reach PostgreSQL at $ADMIN_URL (set BENCH_PG)"
	if ! command -v wrk >/dev/null; then
		say "wrk is missing; installing it with apt-get"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ||
			die "could not install wrk"
	fi
}

fresh_db() {
	admin_sql "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
	admin_sql "CREATE DATABASE $DB"
}

free_port() {
	local p
	for p in $(seq 18080 18180); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port in 18080-18180"
}

# load N: a fresh database with the seeds plus N-60 synthetic actions, and a
# viewer with a token (printed on stdout).
load() {
	local n=$1 extra=$(($1 - 60)) t0=$SECONDS
	fresh_db
	if [[ $extra -gt 0 ]]; then
		DATABASE_URL=$DB_URL $BIN seed --synthetic "$extra" >"$WORK/seed.log"
	else
		DATABASE_URL=$DB_URL $BIN seed >"$WORK/seed.log"
	fi
	say "loaded: $(tr '\n' ' ' <"$WORK/seed.log")($((SECONDS - t0)) s)" >&2
	# Right after a bulk load the planner has no statistics (autovacuum, if on,
	# gets there within a minute or so); without them the first-page query
	# sorts every action instead of walking the (plan_id, major, minor) index.
	if [[ ${BENCH_ANALYZE:-1} != 0 ]]; then
		psql -X -q -v ON_ERROR_STOP=1 "$DB_URL" -c 'VACUUM ANALYZE' >&2
	fi
	echo 'bench-password-not-secret-123' |
		DATABASE_URL=$DB_URL $BIN user add --email bench@example.test --name Bench --role viewer --password-stdin >/dev/null
	DATABASE_URL=$DB_URL $BIN token create --email bench@example.test --name bench 2>/dev/null | grep -m1 '^sbt_' ||
		die "token create printed no sbt_ token"
}

start_server() {
	local port=$1
	DEBUG="http://127.0.0.1:$((port + 1000))"
	DATABASE_URL=$DB_URL SENDBOARD_LOG_LEVEL=warn SENDBOARD_PPROF="127.0.0.1:$((port + 1000))" $BIN serve --no-jobs --addr "127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
	SERVER_PID=$!
	local i
	for i in $(seq 1 100); do
		if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then return 0; fi
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log"; die "the server exited"; }
		sleep 0.1
	done
	die "the server did not become ready on port $port"
}

# xact_commit for the scratch database once the server's backends have
# flushed their counters: PostgreSQL 15 backends that went idle within a second
# of their last flush wait PGSTAT_IDLE_INTERVAL (10 s) before flushing again.
commits() {
	sleep 10.5
	admin_sql "select xact_commit from pg_stat_database where datname = '$DB'"
}

# cpu_snap PID...: "pid ticks" lines of user+system CPU used so far.
cpu_snap() {
	local p
	for p in "$@"; do
		awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null || true # it may have ended
	done
}

# cpu_delta BEFORE AFTER: milliseconds of CPU used between two snapshots by the
# processes in both (a backend that ended meanwhile is left out).
HZ=$(getconf CLK_TCK)
cpu_delta() {
	awk -v hz="$HZ" 'NR == FNR {t0[$1] = $2; next} ($1 in t0) {d += $2 - t0[$1]} END {printf "%d", d * 1000 / hz}' \
		<(echo "$1") <(echo "$2")
}

# ms converts wrk's "1.23ms" / "850.00us" / "1.02s" to milliseconds.
ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
		else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
		else { sub(/s$/, "", v); printf "%.2f", v * 1000 }
	}'
}

# drive LABEL URL TOKEN MIN_RPS MAX_P99_MS: one wrk run plus the SQL count.
# TOKEN is an API token, or "Cookie: ..." for a browser's signed-in session.
drive() {
	local label=$1 url=$2 tok=$3 min_rps=$4 max_p99=$5
	local code auth="Authorization: Bearer $3"
	[[ $tok != Cookie:* ]] || auth=$tok
	code=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "$auth" "$url")
	[[ $code == 200 ]] || { head -c 400 "$WORK/body"; echo; die "$label: $url answered $code, not 200"; }
	# Warm up (templates, prepared statements on every pooled connection).
	# shellcheck disable=SC2086
	wrk -t2 -c"$CONNS" -d2s ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} -H "$auth" "$url" >/dev/null
	local prof="" ppid=""
	if [[ ${BENCH_PROFILE:-0} == 1 ]]; then
		mkdir -p "$PROFILES"
		prof="$PROFILES/$(echo "$label" | tr -c 'A-Za-z0-9=\n' '_').cpu.pprof"
		curl -s -o "$prof" "$DEBUG/debug/pprof/profile?seconds=$((DURATION > 2 ? DURATION - 1 : 1))" &
		ppid=$!
	fi
	# CPU the server and its PostgreSQL backends spend per request: unlike
	# req/s, this hardly moves when other work shares the machine.
	local pgpids a0 b0 a1 b1
	pgpids=$(admin_sql "select pid from pg_stat_activity where datname = '$DB' and backend_type = 'client backend'")
	a0=$(cpu_snap "$SERVER_PID")
	# shellcheck disable=SC2086
	b0=$(cpu_snap $pgpids)
	# shellcheck disable=SC2086
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} -H "$auth" "$url" >"$WORK/wrk.txt"
	a1=$(cpu_snap "$SERVER_PID")
	# shellcheck disable=SC2086
	b1=$(cpu_snap $pgpids)
	if [[ -n $ppid ]]; then
		wait "$ppid" || true
		say "$label: CPU profile $prof; top functions (cumulative):"
		go tool pprof -top -cum -nodecount=30 "$prof" 2>/dev/null | sed -n '1,40p' || true
	fi
	local rps p50 p99 reqs bad
	rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/wrk.txt")
	p50=$(ms "$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")")
	reqs=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
	local cpu
	cpu=$(awk -v a="$(cpu_delta "$a0" "$a1")" -v b="$(cpu_delta "$b0" "$b1")" -v n="$reqs" -v c="$(nproc)" \
		'BEGIN {printf "%.2f+%.2f", a / n, b / n; if (a + b > 0) printf " (%.0f)", c * 1000 / ((a + b) / n)}')
	bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk.txt")
	if [[ -n $bad ]] || grep -q 'Socket errors' "$WORK/wrk.txt"; then
		say "WARNING: $label: ${bad:-0} of $reqs responses were not 2xx; $(grep 'Socket errors' "$WORK/wrk.txt" || echo 'no socket errors')"
	fi
	# SQL statements per request over sequential requests on the warm pool.
	local c0 c1 s0 s1 i k=200
	c0=$(commits)
	s0=$(curl -fsS "$DEBUG/debug/statements" 2>/dev/null || echo "")
	local u
	for ((i = 0; i < k; i++)); do
		for u in ${SQL_URLS:-$url}; do printf 'url = "%s"\noutput = "/dev/null"\n' "$u"; done
	done >"$WORK/curl.cfg"
	local urls=(${SQL_URLS:-$url})
	k=$((k * ${#urls[@]}))
	curl -s -H "$auth" -K "$WORK/curl.cfg"
	s1=$(curl -fsS "$DEBUG/debug/statements" 2>/dev/null || echo "")
	c1=$(commits)
	local sql gsql="?"
	sql=$(awk -v a="$c0" -v b="$c1" -v k="$k" 'BEGIN {printf "%.1f", (b - a) / k}')
	[[ -z $s0 || -z $s1 ]] || gsql=$(awk -v a="$s0" -v b="$s1" -v k="$k" 'BEGIN {printf "%.1f", (b - a) / k}')
	local target="" ok=yes
	if [[ $min_rps != - ]]; then
		target="≥ $min_rps req/s"
		awk -v r="$rps" -v m="$min_rps" 'BEGIN {exit !(r >= m)}' || ok=no
	fi
	if [[ $max_p99 != - ]]; then
		target="$target${target:+, }p99 ≤ $max_p99 ms"
		awk -v p="$p99" -v m="$max_p99" 'BEGIN {exit !(p <= m)}' || ok=no
	fi
	[[ -n $target ]] || { target="(no target)"; ok=-; }
	[[ $ok != no ]] || MISSES=$((MISSES + 1))
	LAST_RPS=$rps LAST_P99=$p99
	say "$label: $rps req/s ($reqs requests), p50 $p50 ms, p99 $p99 ms, SQL/request $sql (PostgreSQL commits) / $gsql (GORM statements), CPU ms/request app+PostgreSQL $cpu; target $target: $ok"
	RESULTS+=("$label|$rps|$p50|$p99|$sql / $gsql|$cpu|$target|$ok")
}

# bare LABEL APP_URL BARE_URL TOKEN MIN_PCT MAX_P99_MS: the app's cached
# answer (just driven, and driven again after) beside bare Echo serving the
# same bytes from memory, in the same run, as a ratio.
bare() {
	local label=$1 app_url=$2 bare_url=$3 tok=$4 min_pct=$5 max_p99=$6
	local app_rps=$LAST_RPS app_p99=$LAST_P99
	wrk -t2 -c"$CONNS" -d2s "$bare_url" >/dev/null
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $tok" "$bare_url" >"$WORK/wrk-bare.txt"
	# The app again after bare Echo, its two runs averaged: other work on the
	# machine that comes or goes during the three runs moves both sides alike.
	wrk -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $tok" "$app_url" >"$WORK/wrk-again.txt"
	app_rps=$(awk -v a="$app_rps" '/^Requests\/sec:/ {printf "%.0f", (a + $2) / 2}' "$WORK/wrk-again.txt")
	local rps p99 pct ok=yes
	rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/wrk-bare.txt")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' "$WORK/wrk-bare.txt")")
	pct=$(awk -v a="$app_rps" -v b="$rps" 'BEGIN {printf "%.0f", (b > 0) ? 100 * a / b : 0}')
	awk -v p="$pct" -v m="$min_pct" -v q="$app_p99" -v x="$max_p99" 'BEGIN {exit !(p >= m && q <= x)}' || { ok=no; MISSES=$((MISSES + 1)); }
	say "$label: bare Echo, same bytes: $rps req/s, p99 $p99 ms; the app $app_rps req/s = $pct% of it, p99 $app_p99 ms; target ≥ $min_pct%, p99 ≤ $max_p99 ms: $ok"
	RESULTS+=("$label: $pct% of bare Echo ($rps)|$app_rps||$app_p99|||≥ $min_pct%, p99 ≤ $max_p99 ms|$ok")
}

# check LABEL OK: a yes/no check in the summary.
check() {
	[[ $2 == yes ]] || MISSES=$((MISSES + 1))
	say "$1: $2"
	RESULTS+=("$1||||||(must hold)|$2")
}

# replicas BASE_A BASE_B ADMIN_TOKEN: a write through A read on B at once,
# and a sign-out through A refused on B at once.
replicas() {
	local a=$1 b=$2 adm=$3 num ver ok
	num=$(curl -fsS -H "Authorization: Bearer $adm" "$b/api/v1/actions?status=in_progress&rag=none" | grep -o '"number":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
	[[ -n $num ]] || { check "replicas: an unrated action in progress to change" no; return; }
	curl -fsS -H "Authorization: Bearer $adm" "$b/api/v1/actions?rag=red" >/dev/null
	curl -fsS -H "Authorization: Bearer $adm" "$b/api/v1/actions?rag=red" >/dev/null
	ver=$(curl -fsS -H "Authorization: Bearer $adm" "$a/api/v1/actions/$num" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2 || true)
	curl -fsS -o /dev/null -H "Authorization: Bearer $adm" -H 'Content-Type: application/json' \
		-d "{\"narrative\":\"bench: cross-replica check\",\"status\":\"in_progress\",\"rag\":\"red\",\"version\":$ver}" \
		"$a/api/v1/actions/$num/updates" || { check "replicas: progress update through A" no; return; }
	ok=no
	curl -fsS -H "Authorization: Bearer $adm" "$b/api/v1/actions?rag=red" | grep -q "\"number\":\"$num\"" && ok=yes
	check "replicas: update of $num through A shown by B's next request" "$ok"
	local jar=$WORK/jar csrf code
	rm -f "$jar"
	csrf=$(curl -fsS -c "$jar" -b "$jar" "$a/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | cut -d'"' -f4 || true)
	curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=benchadmin@example.test" \
		--data-urlencode "password=bench-password-not-secret-123" --data-urlencode "_csrf=$csrf" "$a/login"
	code=$(curl -s -o "$WORK/page" -w '%{http_code}' -b "$jar" "$b/")
	[[ $code == 200 ]] || { check "replicas: session from A accepted by B" no; return; }
	csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$WORK/page" | head -1 | cut -d'"' -f4 || true)
	curl -s -o /dev/null -b "$jar" --data-urlencode "_csrf=$csrf" "$a/logout"
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$b/")
	ok=no
	[[ $code != 200 ]] && ok=yes
	check "replicas: signed out through A, refused by B at once ($code)" "$ok"
}

# cached_vs_bare N BASE TOKEN: the ratios to bare Echo, the signed-in mix and
# the cross-replica checks.
cached_vs_bare() {
	local base=$2 tok=$3 port bport bpid
	curl -fsS -H "Authorization: Bearer $tok" -o "$WORK/dash.html" "$base/"
	curl -fsS -H "Authorization: Bearer $tok" -o "$WORK/list.json" "$base/api/v1/actions"
	port=$(free_port)
	bport=$((port + 50))
	bin/bareecho -addr "127.0.0.1:$bport" "/=$WORK/dash.html:text/html; charset=UTF-8" \
		"/api/v1/actions=$WORK/list.json:application/json" 2>"$WORK/bare.log" &
	bpid=$!
	sleep 0.5
	drive "N=$1 cached GET /api/v1/actions" "$base/api/v1/actions" "$tok" - 20
	bare "N=$1 cached GET /api/v1/actions" "$base/api/v1/actions" "http://127.0.0.1:$bport/api/v1/actions" "$tok" 50 20
	drive "N=$1 cached dashboard /" "$base/" "$tok" - 20
	bare "N=$1 cached dashboard /" "$base/" "http://127.0.0.1:$bport/" "$tok" 33 20
	kill "$bpid" 2>/dev/null || true
	wait "$bpid" 2>/dev/null || true
	cat >"$WORK/mix.lua" <<'LUA'
local paths = {"/", "/actions/1.1", "/api/v1/actions", "/kpis", "/benchmarks"}
local i = 0
request = function()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
	# Signed in as a browser is: a session cookie from the sign-in form.
	local jar=$WORK/mixjar csrf sess
	csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | cut -d'"' -f4 || true)
	curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=bench@example.test" \
		--data-urlencode "password=bench-password-not-secret-123" --data-urlencode "_csrf=$csrf" "$base/login"
	sess=$(awk '$6 == "sb_session" {print $7}' "$jar")
	[[ -n $sess ]] || die "signing in for the mix gave no session cookie"
	SQL_URLS="$base/ $base/actions/1.1 $base/api/v1/actions $base/kpis $base/benchmarks" \
		WRK_SCRIPT="$WORK/mix.lua" drive "N=$1 signed-in mix (5 pages)" "$base/" "Cookie: sb_session=$sess" 3000 50
	# A second replica on the same database.
	local adm b_port b_pid
	adm=$(echo 'bench-password-not-secret-123' |
		DATABASE_URL=$DB_URL $BIN user add --email benchadmin@example.test --name 'Bench admin' --role admin --password-stdin >/dev/null &&
		DATABASE_URL=$DB_URL $BIN token create --email benchadmin@example.test --name bench 2>/dev/null | grep -m1 '^sbt_')
	b_port=$(free_port)
	DATABASE_URL=$DB_URL SENDBOARD_LOG_LEVEL=warn $BIN serve --no-jobs --addr "127.0.0.1:$b_port" >"$WORK/serve-b.log" 2>&1 &
	b_pid=$!
	local i
	for i in $(seq 1 100); do
		curl -fsS "http://127.0.0.1:$b_port/readyz" >/dev/null 2>&1 && break
		sleep 0.1
	done
	replicas "$base" "http://127.0.0.1:$b_port" "$adm"
	kill -TERM "$b_pid" 2>/dev/null || true
	wait "$b_pid" 2>/dev/null || true
}

bench_size() {
	local n=$1 tok port
	say "N = $n: loading"
	tok=$(load "$n")
	port=$(free_port)
	start_server "$port"
	say "N = $n: serving on 127.0.0.1:$port (pid $SERVER_PID); wrk -c$CONNS -d${DURATION}s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
	local base="http://127.0.0.1:$port"
	if [[ $n -le 60 ]]; then
		drive "N=$n dashboard /" "$base/" "$tok" 2000 25
		drive "N=$n GET /api/v1/actions" "$base/api/v1/actions" "$tok" 4000 -
		[[ ${BENCH_BARE:-1} == 0 ]] || cached_vs_bare "$n" "$base" "$tok"
	else
		drive "N=$n dashboard /" "$base/" "$tok" - -
		drive "N=$n GET /api/v1/actions (first 50)" "$base/api/v1/actions" "$tok" 1500 40
	fi
	local hwm
	hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
	local ok=yes
	awk -v h="$hwm" 'BEGIN {exit !(h <= 150)}' || { ok=no; MISSES=$((MISSES + 1)); }
	say "N = $n: server peak RSS (VmHWM) $hwm MiB; target ≤ 150 MiB: $ok"
	RESULTS+=("N=$n peak RSS (VmHWM) $hwm MiB||||||≤ 150 MiB|$ok")
	stop_server
	# wrk hangs up on the requests in flight when it stops; pgx then abandons
	# their queries ("context canceled", "i/o timeout", "bad connection").
	local errs
	errs=$(grep -ci '"level":"error"\|level=ERROR' "$WORK/serve.log" || true)
	if [[ $errs -gt 0 ]]; then
		say "N = $n: the server logged $errs error(s), e.g. (at the end of a wrk run these are hang-ups):"
		grep -i '"level":"error"\|level=ERROR' "$WORK/serve.log" | sort -u -t' ' -k4 | head -3 | cut -c1-220
	fi
}

go_benchmarks() {
	[[ ${BENCH_GO:-1} != 0 ]] || return 0
	say "Go benchmarks (go test -run '^\$' -bench . -benchtime 1x ./...) on a scratch database"
	fresh_db
	local rc=0
	TEST_DATABASE_URL=$DB_URL go test -run '^$' -bench . -benchtime 1x -benchmem ./... >"$WORK/gobench.txt" 2>&1 || rc=$?
	grep -v -e '^?' -e '^PASS$' -e 'no test files' "$WORK/gobench.txt" || true
	[[ $rc -eq 0 ]] || say "WARNING: some Go benchmarks failed (see above)"
	# A 1,000-action tracker with 9 review-period columns imports in 3 s or less.
	local s
	s=$(awk '/^BenchmarkImportTracker/ {for (i = 1; i < NF; i++) if ($(i+1) == "s/import") print $i}' "$WORK/gobench.txt")
	if [[ -n $s ]]; then
		if awk -v s="$s" 'BEGIN {exit !(s <= 3)}'; then
			say "plan import, 1,000 actions x 9 periods (XLSX): ${s} s (target <= 3 s) met"
		else
			say "plan import, 1,000 actions x 9 periods (XLSX): ${s} s (target <= 3 s) MISSED"
			MISSES=$((MISSES + 1))
		fi
	fi
	# A board's pack with 500 risks and 200 decisions builds and renders (HTML
	# and XLSX) in 2 s or less, on each database.
	local line db
	while read -r line; do
		db=${line%%-*}
		db=${db##*/}
		s=$(awk '{for (i = 1; i < NF; i++) if ($(i+1) == "s/pack") print $i}' <<<"$line")
		[[ -n $s ]] || continue
		if awk -v s="$s" 'BEGIN {exit !(s <= 2)}'; then
			say "pack with 500 risks and 200 decisions ($db): ${s} s (target <= 2 s) met"
		else
			say "pack with 500 risks and 200 decisions ($db): ${s} s (target <= 2 s) MISSED"
			MISSES=$((MISSES + 1))
		fi
	done < <(grep '^BenchmarkPackRisks500Decisions200/' "$WORK/gobench.txt" || true)
}

summary() {
	echo
	echo "sendboard bench — $(nproc) cores, wrk -t2 -c$CONNS -d${DURATION}s on the same machine, PostgreSQL $(admin_sql 'show server_version' | awk '{print $1}')"
	printf '%-38s %6s %8s %8s %11s %18s  %-29s %s\n' "run" "req/s" "p50 ms" "p99 ms" "SQL/req" "CPU ms/req" "target" "met"
	local r
	for r in "${RESULTS[@]}"; do
		IFS='|' read -r label rps p50 p99 sql cpu target ok <<<"$r"
		printf '%-38s %6s %8s %8s %11s %18s  %-29s %s\n' "$label" "$rps" "$p50" "$p99" "$sql" "$cpu" "$target" "$ok"
	done
	echo "SQL/req: PostgreSQL commits (pg_stat_database.xact_commit delta) / GORM statements (app/pprof.go counter),"
	echo "         each over 200 sequential requests on the warm pool. PostgreSQL's count can also take in"
	echo "         some of the revision listener's proofs of life (a SELECT 1 every 500 ms, flushed to the"
	echo "         statistics late); the GORM figure counts only what requests run."
	echo "CPU ms/req: server process + its PostgreSQL backends (from /proc) during the wrk run; in brackets the"
	echo "            req/s those two alone would allow on $(nproc) cores, the load generator's share left out."
	echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews the figures)."
	echo
}

main() {
	need_tools
	say "PostgreSQL $ADMIN_URL, scratch database $DB; $(nproc) cores"
	local n
	for n in $SIZES; do
		bench_size "$n"
	done
	summary
	go_benchmarks
	if [[ -f app/bench/pack_preview.sh ]]; then
		say "app/bench/pack_preview.sh"
		# Its own default: a freshly seeded scratch SQLite, not the 10,000-action database.
		env -u DATABASE_URL bash app/bench/pack_preview.sh || say "WARNING: pack_preview.sh failed"
	fi
	if [[ $MISSES -gt 0 ]]; then
		say "$MISSES target(s) missed (see the table above)"
	else
		say "every target met"
	fi
}

main "$@"
