#!/usr/bin/env bash
# Visitor-API benchmark (issue "Service foundation" targets), measured side by side in one run:
#   (a) GET banner config vs nginx serving the same JSON bytes as a static file (wrk -t1 -c64)
#   (b) POST consent (durable, group commit) vs plain JDBC, one row per autocommit transaction, 8 threads
#   plus startup time of the packaged app on an external database (first start on an empty schema, and a
#   restart on the migrated one) and its memory under load.
# Each comparison runs ROUNDS times, reference and service alternating, so a ratio is taken from runs that
# saw the same machine load; the summary prints every round.
# Needs: the MariaDB server on 127.0.0.1:3306 (root, no password), wrk, nginx (installed with apt if missing).
# Usage: src/bench/visitor-api.sh            (DURATION=20, ROUNDS=2, WARMUP=15 by default; results in target/bench/)
# Next to req/s it states CPU seconds per request (nginx workers, service JVM, MariaDB server), which depend
# far less on what else runs on the machine than req/s do.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18089}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18090} # health answers on the management port (#14)
OUT=target/bench
mkdir -p "$OUT"
for tool in wrk nginx bc; do
  command -v $tool >/dev/null || { echo "installing $tool"; apt-get install -y -qq $tool >/dev/null; }
done
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
DB=bench_$(date +%s)
mariadb -uroot -h127.0.0.1 -e "CREATE DATABASE $DB"
cleanup() {
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  [ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true
  mariadb -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $DB" || true
}
trap cleanup EXIT

for p in $PORT $NGINX_PORT; do
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then echo "port $p is in use (set PORT / NGINX_PORT)"; exit 1; fi
done
start_app() { # $1: log file; sets APP (pid) and READY_S (wall time from launch until /q/health/ready answers 200)
  local t0=$(date +%s.%N)
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:mariadb://127.0.0.1:3306/$DB" QUARKUS_DATASOURCE_USERNAME=root \
  QUARKUS_DATASOURCE_PASSWORD= CONSENT_DEMO_ENABLED=true QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  CONSENT_RATE_LIMIT_CONSENT_ENABLED=false CONSENT_AUTH_KEY_DIR="$OUT/keys" CONSENT_LEDGER_SIGNING_KEY_FILE="$OUT/ledger.key" \
    java -Xmx512m -jar "$JAR" > "$1" 2>&1 &
  APP=$!
  for i in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null && break
    sleep 0.1
  done
  READY_S=$(echo "$(date +%s.%N) - $t0" | bc | xargs printf "%.1f")
}
rm -rf "$OUT/keys" "$OUT/ledger.key"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_app "$OUT/app-first.log"
READY_FIRST=$READY_S
STARTED_FIRST=$(grep -a -o 'started in [0-9.]*s' "$OUT/app-first.log" | head -1)
kill "$APP"; wait "$APP" 2>/dev/null || true
start_app "$OUT/app.log"
READY=$READY_S
STARTED=$(grep -a -o 'started in [0-9.]*s' "$OUT/app.log" | head -1)

BANNER="http://127.0.0.1:$PORT/api/v1/sites/kommunikationstrainer/banner?lang=de"
mkdir -p "$OUT/nginx/www"
curl -sf "$BANNER" > "$OUT/nginx/www/banner.json"
cat > "$OUT/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $PWD/$OUT/nginx/nginx.pid;
error_log $PWD/$OUT/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;  # like Vert.x: the connection stays open (nginx closes after 1,000 by default)
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $PWD/$OUT/nginx/www;
    location / { default_type application/json; etag on; }
  }
}
NGINX
nginx -c "$PWD/$OUT/nginx/nginx.conf" -p "$PWD/$OUT/nginx"

rps() { grep 'Requests/sec' "$1" | awk '{print $2}'; }
# CPU seconds (user + system) used so far by the given processes, to state CPU time per request next to req/s
cpu_s() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "scale=3; $t / $(getconf CLK_TCK)" | bc; }
NGINX_PIDS="$(cat "$OUT/nginx/nginx.pid") $(pgrep -P "$(cat "$OUT/nginx/nginx.pid")" | tr '\n' ' ')"
DB_PID=$(ss -ltnp 2>/dev/null | grep ':3306 ' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
measured() { # $1: output file, $2...: pids; runs the rest of the command line after "--", writes CPU seconds to $1.cpu
  local out=$1; shift; local pids=(); while [ "$1" != "--" ]; do pids+=("$1"); shift; done; shift
  local c0=$(cpu_s "${pids[@]}"); "$@" | tee "$out"; echo "$(cpu_s "${pids[@]}") - $c0" | bc > "$out.cpu"
}
pct() { grep -E "^ +$2%" "$1" | awk '{print $2}'; }

echo "== warm-up (JIT: with 5 s the first GET round was still well below the second under load)"
wrk -t1 -c64 -d${WARMUP:-15}s "$BANNER" > /dev/null
wrk -t1 -c64 -d${WARMUP:-15}s -s src/bench/consent-post.lua "http://127.0.0.1:$PORT/api/v1/sites/kommunikationstrainer/consents" > /dev/null
count() { mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT COUNT(*) FROM consent_event"; }
DRIVER=$(ls target/quarkus-app/lib/main/org.mariadb.jdbc.mariadb-java-client-*.jar | head -1)
( while kill -0 $APP 2>/dev/null; do ps -o rss= -p $APP; sleep 1; done ) > "$OUT/rss.txt" &
SAMPLER=$!
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r (a) GET banner: nginx static file vs service"
  measured "$OUT/nginx-$r.txt" $NGINX_PIDS -- wrk -t1 -c64 -d${DURATION}s --latency "http://127.0.0.1:$NGINX_PORT/banner.json"
  measured "$OUT/banner-$r.txt" $APP -- wrk -t1 -c64 -d${DURATION}s --latency "$BANNER"
  echo "== round $r (b) POST consent (service, durable) and plain JDBC autocommit reference"
  measured "$OUT/jdbc-$r.txt" $DB_PID -- java -cp "$DRIVER" src/bench/JdbcBaseline.java "jdbc:mariadb://127.0.0.1:3306/$DB" root "" kommunikationstrainer "$DURATION"
  BEFORE=$(count)
  C0=$(cpu_s $DB_PID)
  measured "$OUT/consent-$r.txt" $APP -- wrk -t1 -c64 -d${DURATION}s --latency -s src/bench/consent-post.lua \
    "http://127.0.0.1:$PORT/api/v1/sites/kommunikationstrainer/consents"
  echo "$(cpu_s $DB_PID) - $C0" | bc > "$OUT/consent-db-$r.cpu"
  AFTER=$(count)
  echo "$(echo "scale=1; ($AFTER - $BEFORE) / $DURATION" | bc)" > "$OUT/consent-rows-$r.txt"
done
kill $SAMPLER 2>/dev/null || true
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
AFTER=$(count)
sleep 5 # let the sealer catch up, then weigh what one consent costs on disk (events + ledger + indexes)
mariadb -N -uroot -h127.0.0.1 -e "ANALYZE TABLE $DB.consent_event, $DB.ledger_leaf, $DB.ledger_tile" >/dev/null 2>&1 || true
DB_BYTES=$(mariadb -N -uroot -h127.0.0.1 -e "SELECT SUM(data_length + index_length) FROM information_schema.TABLES WHERE table_schema = '$DB'")
BYTES_PER_CONSENT=$(echo "$DB_BYTES / $AFTER" | bc)
SEALED=$(mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT COUNT(*) FROM ledger_leaf" 2>/dev/null || echo "?")
MAX_RSS_MB=$(sort -n "$OUT/rss.txt" | tail -1 | awk '{printf "%.0f", $1/1024}')
# sealing lag (issue "ledger": < 2 s at the ingest benchmark's rate): wait until the sealer has caught up, then
# sealed_at - recorded_at over every consent in the database (the JDBC reference inserts into the same table)
for _ in $(seq 1 180); do
  PENDING=$(mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT COUNT(*) FROM consent_event e LEFT JOIN ledger_leaf l ON l.event_id = e.id WHERE l.event_id IS NULL")
  [ "$PENDING" = "0" ] && break
  sleep 1
done
# per source: the service's consents (the ingest benchmark's rate) and the JDBC reference's rows (inserted around
# the service, so they are picked up by the sealer's idle poll and continuous passes, not by a commit wake-up)
LAG=$(mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT GROUP_CONCAT(line SEPARATOR '; ') FROM (SELECT CONCAT(src, ': p50 ', ROUND(MAX(p50)),
      ' ms, p99 ', ROUND(MAX(p99)), ' ms, max ', ROUND(MAX(lag)), ' ms over ', COUNT(*), ' events') AS line FROM (
    SELECT src, lag, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY lag) OVER (PARTITION BY src) AS p50,
      PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY lag) OVER (PARTITION BY src) AS p99
    FROM (SELECT IF(e.visitor_id LIKE '%-0000-4000-8000-%', 'service consents', 'JDBC reference rows') AS src,
            TIMESTAMPDIFF(MICROSECOND, e.recorded_at, l.sealed_at) / 1000 AS lag
          FROM ledger_leaf l JOIN consent_event e ON e.id = l.event_id) s) x GROUP BY src ORDER BY src DESC) y" 2>/dev/null || echo "?")
CHECKPOINTS=$(mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT CONCAT(COUNT(*), ' signed checkpoints for ', MAX(tree_size), ' leaves') FROM ledger_checkpoint" 2>/dev/null || echo "?")

echo
echo "== summary ($(date -u '+%F %H:%M UTC'), $(nproc) cores, load average before $LOAD_BEFORE, after $LOAD_AFTER)"
printf "startup (external DB), launch to ready: first start on an empty schema %s s (Quarkus: %s), restart on the migrated schema %s s (Quarkus: %s)\n" \
  "$READY_FIRST" "$STARTED_FIRST" "$READY" "$STARTED"
for r in $(seq 1 "$ROUNDS"); do
  printf "round %s GET banner: nginx %s req/s, service %s req/s, ratio %.2f (target >= 0.6); service p50 %s p99 %s; CPU per request: nginx %.0f µs, service %.0f µs\n" "$r" \
    "$(rps "$OUT/nginx-$r.txt")" "$(rps "$OUT/banner-$r.txt")" "$(echo "$(rps "$OUT/banner-$r.txt") / $(rps "$OUT/nginx-$r.txt")" | bc -l)" \
    "$(pct "$OUT/banner-$r.txt" 50)" "$(pct "$OUT/banner-$r.txt" 99)" \
    "$(echo "$(cat "$OUT/nginx-$r.txt.cpu") * 1000000 / ($(rps "$OUT/nginx-$r.txt") * $DURATION)" | bc -l)" \
    "$(echo "$(cat "$OUT/banner-$r.txt.cpu") * 1000000 / ($(rps "$OUT/banner-$r.txt") * $DURATION)" | bc -l)"
done
for r in $(seq 1 "$ROUNDS"); do
  ROWS=$(cat "$OUT/consent-rows-$r.txt")
  JDBC=$(grep -o 'rows_per_s=[0-9.]*' "$OUT/jdbc-$r.txt" | cut -d= -f2)
  printf "round %s POST consent: %s rows/s committed (%s req/s), p50 %s p99 %s, %s; JDBC autocommit x8: %s rows/s; ratio %.2f (target >= 1.0)\n" "$r" \
    "$ROWS" "$(rps "$OUT/consent-$r.txt")" "$(pct "$OUT/consent-$r.txt" 50)" "$(pct "$OUT/consent-$r.txt" 99)" \
    "$(grep -o 'non-2xx.*' "$OUT/consent-$r.txt")" "$JDBC" "$(echo "$ROWS / $JDBC" | bc -l)"
  printf "round %s CPU per row: service JVM %.0f µs + MariaDB %.0f µs; JDBC reference: MariaDB %.0f µs (MariaDB server shared: other sessions' queries count too)\n" "$r" \
    "$(echo "$(cat "$OUT/consent-$r.txt.cpu") * 1000000 / ($ROWS * $DURATION)" | bc -l)" \
    "$(echo "$(cat "$OUT/consent-db-$r.cpu") * 1000000 / ($ROWS * $DURATION)" | bc -l)" \
    "$(echo "$(cat "$OUT/jdbc-$r.txt.cpu") * 1000000 / ($JDBC * $DURATION)" | bc -l)"
done
printf "service RSS max during load: %s MB (heap limit -Xmx512m)\n" "$MAX_RSS_MB"
printf "database: %s bytes for %s consents = %s bytes per consent (data + indexes, ledger included); sealed %s of %s 5 s after the load\n" \
  "$DB_BYTES" "$AFTER" "$BYTES_PER_CONSENT" "$SEALED" "$AFTER"
printf "sealing lag (sealed_at - recorded_at, every consent row of the run; %s still unsealed after waiting up to 180 s): %s; %s\n" "$PENDING" "$LAG" "$CHECKPOINTS"
