#!/usr/bin/env bash
# Galera ingest benchmark (issue 16, item 8): consent POSTs per second with the service on a 3-node MariaDB Galera
# cluster on this machine vs. the same service on a plain MariaDB server with the same settings, in one run.
# Two packaged instances (one per database) stay up; the rounds alternate between them (wrk -t1 -c64 with
# src/bench/consent-post.lua), so each ratio comes from runs that saw the same machine load; the ratio of the
# medians is reported. Both servers run on this machine (src/test/galera/cluster.sh start + single).
# Needs: mariadb-server, galera-4, rsync, wrk. Usage: src/bench/galera-ingest.sh
#   ROUNDS=12 DURATION=8 (many short rounds: on a shared machine the load changes within minutes); WARMUP=15
#   WARMUP_ROUNDS=4 (alternating warm-up runs per instance, not counted); GALERA_WRITERS / GALERA_BATCH: the group-commit settings of the Galera instance (writers: the service's default unless set: 1 on Galera, 2 on the plain server)
#   (consent.ingest.writers / max-batch-size; default the same as the single-server instance: 2 / 500).
# Results in target/galera-bench/ (report.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-12}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-15}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-4}
OUT=target/galera-bench
export GALERA_DIR=$PWD/$OUT/db GALERA_PORT=${GALERA_PORT:-25061}  # below the ephemeral port range (32768+), where an outgoing connection can take the IST port
C=src/test/galera/cluster.sh
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
$C down >/dev/null 2>&1 || true
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  $C down >/dev/null 2>&1 || true
}
trap cleanup EXIT
$C start >/dev/null
$C single >/dev/null

start_app() { # name url port writers batch
  QUARKUS_DATASOURCE_JDBC_URL="$2" QUARKUS_DATASOURCE_USERNAME=consent QUARKUS_DATASOURCE_PASSWORD=consent \
  CONSENT_DEMO_ENABLED=true QUARKUS_HTTP_PORT=$3 QUARKUS_MANAGEMENT_PORT=$(($3 + 100)) CONSENT_RATE_LIMIT_CONSENT_ENABLED=false \
  CONSENT_INGEST_MAX_BATCH_SIZE=$5 QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60S \
  CONSENT_AUTH_KEY_DIR="$OUT/keys-$1" CONSENT_LEDGER_SIGNING_KEY_FILE="$OUT/ledger-$1.key" \
    env ${4:+CONSENT_INGEST_WRITERS=$4} java -Xmx512m -jar "$JAR" > "$OUT/app-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$(($3 + 100))/q/health/ready" >/dev/null && return 0
    sleep 0.1
  done
  echo "instance $1 not ready; see $OUT/app-$1.log" >&2
  exit 1
}
SINGLE_PORT=18161
GALERA_PORT_HTTP=18162
start_app single "jdbc:mariadb://127.0.0.1:$((GALERA_PORT + 3))/consentledger" $SINGLE_PORT "" 500
start_app galera "jdbc:mariadb:sequential://127.0.0.1:$GALERA_PORT,127.0.0.1:$((GALERA_PORT + 1)),127.0.0.1:$((GALERA_PORT + 2))/consentledger" \
  $GALERA_PORT_HTTP "${GALERA_WRITERS:-}" "${GALERA_BATCH:-500}"
url() { echo "http://127.0.0.1:$1/api/v1/sites/kommunikationstrainer/consents"; }
# CPU per consent (far less sensitive to other load on the machine than req/s): utime+stime ticks of every process
# before and after each wrk run, from /proc/<pid>/stat; wrk's own ticks are the shell's waited-for children
# (cutime+cstime). Also the statements the service sent (Questions of the node it writes to; the benchmark's own
# status queries are a few per run) and the writesets Galera replicated.
PROC_NAMES="app-single app-galera node1 node2 node3 single-server"
PROC_PIDS="${PIDS[0]} ${PIDS[1]} $(for n in 1 2 3 4; do cat "$GALERA_DIR/node$n/mariadbd.pid"; done | tr '\n' ' ')"
ticks() { for p in $PROC_PIDS; do awk '{printf "%d ", $14 + $15}' "/proc/$p/stat"; done; awk '{printf "%d", $16 + $17}' "/proc/$1/stat"; }
node_status() { # node -> Questions Com_commit wsrep_replicated wsrep_replicated_bytes
  mariadb --no-defaults -uroot -S "$GALERA_DIR/node$1/mariadbd.sock" -N -B -e "SHOW GLOBAL STATUS WHERE Variable_name IN
    ('Questions','Com_commit','wsrep_replicated','wsrep_replicated_bytes')" 2>/dev/null | sort | awk '{printf "%s ", $2}'
}
: > "$OUT/cpu.txt"
run() { # port seconds label -> req/s; appends "label requests seconds ticks... wrk-ticks status-before status-after" to cpu.txt
  local node=1 t0 t1 q0 q1 me=$BASHPID
  [ "$1" = "$SINGLE_PORT" ] && node=4
  q0=$(node_status $node); t0=$(ticks "$me")
  wrk -t1 -c64 -d"$2"s -s src/bench/consent-post.lua "$(url "$1")" > "$OUT/wrk.txt"
  t1=$(ticks "$me"); q1=$(node_status $node)
  grep -q "non-2xx/5xx responses reported by wrk: 0" "$OUT/wrk.txt" || { echo "errors:"; cat "$OUT/wrk.txt"; } >&2
  [ -n "${3:-}" ] && echo "$3 $(awk '/requests in/ {print $1}' "$OUT/wrk.txt") $2 | $t0 | $t1 | $q0 | $q1" >> "$OUT/cpu.txt"
  awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt"
}
# warm-up, not counted: alternating chunks of WARMUP seconds per instance, WARMUP_ROUNDS times. A JVM under this load
# needs minutes of traffic before C2 has compiled the hot path; with a short warm-up the slower instance (fewer
# requests, so later compiled) is measured with its compiler still busy (seen: the Galera instance's C2 thread at
# 20 % of a core, the single-server one idle), which understates its req/s and inflates its CPU per consent.
for _ in $(seq 1 "$WARMUP_ROUNDS"); do
  run $SINGLE_PORT "$WARMUP" >/dev/null
  run $GALERA_PORT_HTTP "$WARMUP" >/dev/null
done
: > "$OUT/rounds.txt"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then s=$(run $SINGLE_PORT "$DURATION" single); g=$(run $GALERA_PORT_HTTP "$DURATION" galera)
  else g=$(run $GALERA_PORT_HTTP "$DURATION" galera); s=$(run $SINGLE_PORT "$DURATION" single); fi
  # a round in which an instance answered nothing (the machine too busy) gives no ratio: not counted
  if [ "$(echo "$s $g" | awk '{print ($1 > 0 && $2 > 0) ? 1 : 0}')" = 0 ]; then echo "round $r: no answers ($s / $g), skipped"; continue; fi
  echo "$r $s $g" | tee -a "$OUT/rounds.txt" | awk '{printf "round %s: single server %s req/s, Galera %s req/s, ratio %.2f\n", $1, $2, $3, $3 / $2}'
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
MS=$(awk '{print $2}' "$OUT/rounds.txt" | median)
MG=$(awk '{print $3}' "$OUT/rounds.txt" | median)
{
  echo "date $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load before $LOAD_BEFORE"
  echo "Galera instance: writers ${GALERA_WRITERS:-default (1 on Galera)}, single: default (2), max batch ${GALERA_BATCH:-500}; rounds $ROUNDS x ${DURATION}s after $WARMUP_ROUNDS x ${WARMUP}s warm-up per instance, wrk -t1 -c64"
  awk '{printf "round %s: single %s, Galera %s, ratio %.2f\n", $1, $2, $3, $3 / $2}' "$OUT/rounds.txt"
  echo "median: single $MS req/s, Galera $MG req/s, ratio $(echo "$MG $MS" | awk '{printf "%.2f", $1 / $2}') (target >= 0.85)"
  # the spread: per-round ratios (each from two back-to-back runs under about the same load)
  awk '{printf "%.3f\n", $3 / $2}' "$OUT/rounds.txt" | sort -n | awk '{a[NR]=$1} END {
    q1 = a[int((NR + 3) / 4)]; q3 = a[int((3 * NR + 3) / 4)]; m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "per-round ratio: median %.2f, quartiles %.2f-%.2f, range %.2f-%.2f (%d rounds)\n", m, q1, q3, a[1], a[NR], NR }'
  echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
  # where Galera spent the time: flow control (a node that applies too slowly pauses the whole cluster), apply
  # queues, conflicts (certification failures, brute-force aborts)
  for n in 1 2 3; do
    echo "node $n: $(mariadb --no-defaults -uroot -S "$GALERA_DIR/node$n/mariadbd.sock" -N -B -e "SHOW GLOBAL STATUS WHERE Variable_name IN
      ('wsrep_flow_control_paused','wsrep_flow_control_sent','wsrep_flow_control_recv','wsrep_local_recv_queue_avg',
       'wsrep_local_send_queue_avg','wsrep_local_cert_failures','wsrep_local_bf_aborts','wsrep_cert_deps_distance',
       'wsrep_replicated','wsrep_replicated_bytes','wsrep_apply_window','wsrep_commit_window')" 2>/dev/null | tr '\t\n' '= ')"
  done
  echo "sealing or conflict log lines (Galera instance): $(grep -c 'Sealing\|conflict' "$OUT/app-galera.log" || true)"
  # CPU ms per 1000 accepted consents. Each process's ticks are summed over all rounds (a server keeps flushing and
  # purging, a sealer keeps sealing, into the other instance's round) and divided by its own instance's consents;
  # wrk's ticks count in the rounds of its target.
  echo "CPU ms per 1000 consents (CLK_TCK $(getconf CLK_TCK)), statements and commits the service sent per consent:"
  awk -v hz="$(getconf CLK_TCK)" -F' [|] ' '{
      split($1, h, " "); k = h[1]; req[k] += h[2]; n = split($2, a, " "); split($3, b, " ")
      for (i = 1; i < n; i++) d[i] += b[i] - a[i]
      w[k] += b[n] - a[n]
      split($4, s0, " "); split($5, s1, " "); com[k] += s1[1] - s0[1]; qs[k] += s1[2] - s0[2]; ws[k] += s1[3] - s0[3]; wb[k] += s1[4] - s0[4]
    } function ms(t, k) { return t * 1000 / hz * 1000 / req[k] } END {
      if (req["single"] > 0) { t = ms(d[1], "single") + ms(d[6], "single") + ms(w["single"], "single")
        printf "single: %d consents; app %.0f, single server %.0f, wrk %.0f; total %.0f; statements %.2f, commits %.3f per consent\n",
          req["single"], ms(d[1], "single"), ms(d[6], "single"), ms(w["single"], "single"), t, qs["single"] / req["single"], com["single"] / req["single"] }
      if (req["galera"] > 0) { t = ms(d[2] + d[3] + d[4] + d[5] + w["galera"], "galera")
        printf "Galera: %d consents; app %.0f, node 1 %.0f, node 2 %.0f, node 3 %.0f, wrk %.0f; total %.0f; statements %.2f, commits %.3f per consent; %d write sets, %.0f bytes per consent\n",
          req["galera"], ms(d[2], "galera"), ms(d[3], "galera"), ms(d[4], "galera"), ms(d[5], "galera"), ms(w["galera"], "galera"), t,
          qs["galera"] / req["galera"], com["galera"] / req["galera"], ws["galera"], wb["galera"] / req["galera"] }
    }' "$OUT/cpu.txt"
} | tee "$OUT/report.txt"
