#!/usr/bin/env bash
# Operator API benchmark over real HTTP against a running service (docs/PERFORMANCE.md "Operator API").
# Needs: a service at $BASE whose site $SITE holds the generated events (OperatorBenchmark's generator, or the SQL
# in generate-events.sql), wrk, curl, jq, jstat (JDK), the mariadb CLI for the reference figures.
#   BASE=http://127.0.0.1:18085 SITE=bench ADMIN_PASSWORD=... PID=<service pid> DB=bench_operator \
#     src/bench/operator/operator-bench.sh [pages|stats|export|all]
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:8080}
SITE=${SITE:-bench}
DB=${DB:-bench_operator}
DURATION=${DURATION:-30s}
OUT=${OUT:-target/operator-bench}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
what=${1:-all}

TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"${ADMIN_USER:-admin}\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token)
export TOKEN
say() { echo "$*" | tee -a "$OUT/report.txt"; }
say "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) what=$what"

today=$(date -u +%F)
d() { date -u -d "$today $1 days" +%F; }
api="/api/v1/admin/sites/$SITE"
# a visitor of the generated data (the generator gives event n to visitor n mod EVENTS/3)
EVENTS=${EVENTS:-10000000}
visitor=$(printf '%036X' $(( (EVENTS / 2) % (EVENTS / 3) )))
filters=(
  ""
  "action=withdrawn"
  "category=analytics&decision=denied"
  "method=save-settings"
  "from=$(d -30)&to=$(d -29)"
  "visitor=$visitor"
  "action=partial&from=$(d -60)"
)
if [[ -n ${EXTRA_FILTERS:-} ]]; then
  # an upper time bound with a second filter, and a filter nothing matches
  filters+=("action=withdrawn&to=$(d -30)" "method=save-settings&to=$(d -30)" "method=gpc")
fi

if [[ $what == pages || $what == all ]]; then
  # first page and the two following pages (their cursors fetched once beforehand) of every filter
  : > "$OUT/pages.txt"
  for f in "${filters[@]}"; do
    url="$api/consents?limit=100&$f"
    echo "$url" >> "$OUT/pages.txt"
    for p in 1 2; do
      cursor=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$url" | jq -r '.nextCursor // empty')
      [[ -z $cursor ]] && break
      url="$api/consents?limit=100&$f&cursor=$cursor"
      echo "$url" >> "$OUT/pages.txt"
    done
  done
  URLS_FILE="$OUT/pages.txt" wrk -t1 -c1 -d10s -s "$HERE/pages.lua" "$BASE" > /dev/null # warm-up
  say "-- pages: $(wc -l < "$OUT/pages.txt") URLs, wrk -t1 -c1 -d$DURATION --latency"
  URLS_FILE="$OUT/pages.txt" wrk -t1 -c1 -d"$DURATION" --timeout 60s --latency -s "$HERE/pages.lua" "$BASE" \
    | grep -E 'p95|Requests/sec|Non-2xx|timeout' | tee -a "$OUT/report.txt"
  # reference in the same minute: an authenticated request that does no consent-log work (GET the site), so
  # the pages' figures can be read against what the loaded machine gives any request
  echo "$api" > "$OUT/reference.txt"
  say "-- reference GET $api (auth + site lookup + small JSON): wrk -t1 -c1 -d$DURATION"
  URLS_FILE="$OUT/reference.txt" wrk -t1 -c1 -d"$DURATION" --timeout 60s -s "$HERE/pages.lua" "$BASE" \
    | grep -E 'p95|Requests/sec|Non-2xx|timeout' | tee -a "$OUT/report.txt"
  say "-- per URL (curl, 15 requests each, median / max ms)"
  while read -r url; do
    times=$(for i in $(seq 15); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$BASE$url"; done | sort -n)
    say "$(echo "$times" | sed -n 8p | awk '{printf "%6.1f", $1*1000}') $(echo "$times" | tail -1 | awk '{printf "%6.1f", $1*1000}')  ${url#$api/consents?limit=100&}" | cut -c1-160
  done < "$OUT/pages.txt"
fi

if [[ $what == stats || $what == all ]]; then
  url="$api/stats?from=$(d -89)&to=$today"
  first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$BASE$url")
  say "-- stats 90 days: first call $(awk "BEGIN{printf \"%.0f\", $first*1000}") ms"
  echo "$url" > "$OUT/stats.txt"
  say "-- stats 90 days: wrk -t1 -c1 -d$DURATION --latency"
  URLS_FILE="$OUT/stats.txt" wrk -t1 -c1 -d"$DURATION" --timeout 60s --latency -s "$HERE/pages.lua" "$BASE" \
    | grep -E 'p95|Requests/sec|Non-2xx|timeout' | tee -a "$OUT/report.txt"
fi

if [[ $what == export || $what == all ]]; then
  # about 1 M rows: the 9 days from 30 days ago (10 M events over 90 days)
  range="from=$(d -39)&to=$(d -30)"
  for format in csv ndjson; do
    for run in $(seq ${RUNS:-2}); do
      [[ -n ${PID:-} ]] && jcmd "$PID" GC.run > /dev/null
      [[ -n ${PID:-} ]] && { jstat -gc "$PID" 100 > "$OUT/jstat-$format-$run.txt" & jstat_pid=$!; }
      start=$(date +%s.%N)
      rows=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$api/consents/export?format=$format&$range" | wc -l)
      end=$(date +%s.%N)
      [[ -n ${PID:-} ]] && { kill "$jstat_pid"; wait "$jstat_pid" 2>/dev/null || true; }
      [[ $format == csv ]] && rows=$((rows - 1))
      heap=""
      if [[ -n ${PID:-} ]]; then
        # used heap = S0U + S1U + EU + OU (KB); peak over the 100 ms samples, and the committed total
        heap=$(awk 'NR>1 {u=$3+$4+$6+$8; c=$1+$2+$5+$7; if (u>m) m=u; if (c>cm) cm=c} END {printf "heap used peak %.0f MB, committed peak %.0f MB", m/1024, cm/1024}' "$OUT/jstat-$format-$run.txt")
      fi
      say "-- export $format run $run: $rows rows in $(awk "BEGIN{printf \"%.2f\", $end-$start}") s = $(awk "BEGIN{printf \"%.0f\", $rows/($end-$start)}") rows/s; $heap"
    done
  done
  # reference: the same rows straight from MariaDB through its CLI (streaming, --quick), no HTTP, no formatting
  site_id=$(mariadb -uroot -h127.0.0.1 -N "$DB" -e "SELECT id FROM site WHERE site_key='$SITE'")
  start=$(date +%s.%N)
  rows=$(mariadb -uroot -h127.0.0.1 --quick -N "$DB" -e "SELECT id, consent_id, recorded_at, visitor_id, action, method, decisions, config_version, config_hash, language, gpc, page_url, ip_truncated, user_agent FROM consent_event WHERE site_id = $site_id AND recorded_at >= '$(d -39)' AND recorded_at < '$(d -30)' ORDER BY recorded_at, id" | wc -l)
  end=$(date +%s.%N)
  say "-- reference mariadb CLI --quick, same rows: $rows rows in $(awk "BEGIN{printf \"%.2f\", $end-$start}") s = $(awk "BEGIN{printf \"%.0f\", $rows/($end-$start)}") rows/s"
fi
say "== end load $(cut -d' ' -f1-3 /proc/loadavg)"
