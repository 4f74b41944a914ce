#!/usr/bin/env bash
# Visitor-API benchmark (issue "Service foundation" targets), measured side by side in one run:
#   (a) GET banner config vs nginx serving the same JSON bytes as a static file (wrk -t1 -c64)
#   (b) POST consent (durable, group commit) vs plain JDBC, one row per autocommit transaction, 8 threads
#   plus startup time of the packaged app on an external database and its memory under load.
# Needs: the MariaDB server on 127.0.0.1:3306 (root, no password), wrk, nginx (installed with apt if missing).
# Usage: src/bench/visitor-api.sh            (DURATION=20 by default; results in target/bench/)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20}
PORT=${PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18089}
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

QUARKUS_DATASOURCE_JDBC_URL="jdbc:mariadb://127.0.0.1:3306/$DB" QUARKUS_DATASOURCE_USERNAME=root \
QUARKUS_DATASOURCE_PASSWORD= CONSENT_DEMO_ENABLED=true QUARKUS_HTTP_PORT=$PORT \
CONSENT_RATE_LIMIT_CONSENT_ENABLED=false CONSENT_AUTH_KEY_DIR="$OUT/keys" CONSENT_LEDGER_SIGNING_KEY_FILE="$OUT/ledger.key" \
  java -Xmx512m -jar "$JAR" > "$OUT/app.log" 2>&1 &
APP=$!
for i in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  sleep 0.5
done
STARTUP=$(grep -o 'started in [0-9.]*s' "$OUT/app.log" | head -1)

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
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $PWD/$OUT/nginx/www;
    location / { default_type application/json; etag on; }
  }
}
NGINX
nginx -c "$PWD/$OUT/nginx/nginx.conf" -p "$PWD/$OUT/nginx"

rps() { grep 'Requests/sec' "$1" | awk '{print $2}'; }
pct() { grep -E "^ +$2%" "$1" | awk '{print $2}'; }

echo "== warm-up"
wrk -t1 -c64 -d5s "$BANNER" > /dev/null
echo "== (a) GET banner: nginx static file vs service"
wrk -t1 -c64 -d${DURATION}s --latency "http://127.0.0.1:$NGINX_PORT/banner.json" | tee "$OUT/nginx.txt"
wrk -t1 -c64 -d${DURATION}s --latency "$BANNER" | tee "$OUT/banner.txt"

echo "== (b) POST consent (service, durable) and plain JDBC autocommit reference"
count() { mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT COUNT(*) FROM consent_event"; }
BEFORE=$(count)
( while kill -0 $APP 2>/dev/null; do ps -o rss= -p $APP; sleep 1; done ) > "$OUT/rss.txt" &
SAMPLER=$!
wrk -t1 -c64 -d${DURATION}s --latency -s src/bench/consent-post.lua \
  "http://127.0.0.1:$PORT/api/v1/sites/kommunikationstrainer/consents" | tee "$OUT/consent.txt"
kill $SAMPLER 2>/dev/null || true
AFTER=$(count)
ROWS_PER_S=$(echo "scale=1; ($AFTER - $BEFORE) / $DURATION" | bc)
sleep 5 # let the sealer catch up, then weigh what one consent costs on disk (events + ledger + indexes)
mariadb -N -uroot -h127.0.0.1 -e "ANALYZE TABLE $DB.consent_event, $DB.ledger_leaf, $DB.ledger_tile" >/dev/null 2>&1 || true
DB_BYTES=$(mariadb -N -uroot -h127.0.0.1 -e "SELECT SUM(data_length + index_length) FROM information_schema.TABLES WHERE table_schema = '$DB'")
BYTES_PER_CONSENT=$(echo "$DB_BYTES / $AFTER" | bc)
SEALED=$(mariadb -N -uroot -h127.0.0.1 "$DB" -e "SELECT COUNT(*) FROM ledger_leaf" 2>/dev/null || echo "?")
DRIVER=$(ls target/quarkus-app/lib/main/org.mariadb.jdbc.mariadb-java-client-*.jar | head -1)
java -cp "$DRIVER" src/bench/JdbcBaseline.java "jdbc:mariadb://127.0.0.1:3306/$DB" root "" kommunikationstrainer "$DURATION" | tee "$OUT/jdbc.txt"
JDBC=$(grep -o 'rows_per_s=[0-9.]*' "$OUT/jdbc.txt" | cut -d= -f2)
MAX_RSS_MB=$(sort -n "$OUT/rss.txt" | tail -1 | awk '{printf "%.0f", $1/1024}')

echo
echo "== summary ($(date -u +%F), $(nproc) cores)"
printf "startup (external DB): %s\n" "$STARTUP"
printf "GET banner: nginx %s req/s, service %s req/s, ratio %.2f (target >= 0.6); service p50 %s p99 %s\n" \
  "$(rps "$OUT/nginx.txt")" "$(rps "$OUT/banner.txt")" "$(echo "$(rps "$OUT/banner.txt") / $(rps "$OUT/nginx.txt")" | bc -l)" \
  "$(pct "$OUT/banner.txt" 50)" "$(pct "$OUT/banner.txt" 99)"
printf "POST consent: %s rows/s committed (%s req/s), p50 %s p99 %s; JDBC autocommit x8: %s rows/s; ratio %.2f (target >= 1.0)\n" \
  "$ROWS_PER_S" "$(rps "$OUT/consent.txt")" "$(pct "$OUT/consent.txt" 50)" "$(pct "$OUT/consent.txt" 99)" "$JDBC" \
  "$(echo "$ROWS_PER_S / $JDBC" | bc -l)"
printf "service RSS max during load: %s MB (heap limit -Xmx512m)\n" "$MAX_RSS_MB"
printf "database: %s bytes for %s consents = %s bytes per consent (data + indexes, ledger included); sealed %s of %s 5 s after the load\n" \
  "$DB_BYTES" "$AFTER" "$BYTES_PER_CONSENT" "$SEALED" "$AFTER"
