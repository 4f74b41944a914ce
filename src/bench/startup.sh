#!/usr/bin/env bash
# Start-up benchmark (issue 14, item 11): the README's run command (packaged jar, embedded MariaDB, demo sites) from
# launch to the first 200 of the demo banner, first in an empty directory (fresh: unpack the server, system tables,
# migrations, demo data) and then again in the same directory (restart). RUNS=5 of each; prints every run and the
# medians. Needs: a JDK and a built jar (./mvnw -B package -DskipTests). Usage: src/bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
PORT=${PORT:-18080}
JAR=$PWD/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
URL="http://127.0.0.1:$PORT/api/v1/sites/kommunikationstrainer/banner?lang=de"
now_ms() { date +%s%3N; }
one_start() { # dir -> prints ms from launch to first banner
  local dir=$1 t0 pid code
  t0=$(now_ms)
  (cd "$dir" && QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1)) exec java -jar "$JAR" >>run.log 2>&1) &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "the service exited, see $dir/run.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( $(now_ms) - t0 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
fresh=() restart=()
for i in $(seq "$RUNS"); do
  dir=$(mktemp -d /tmp/cl-startup.XXXX)
  f=$(one_start "$dir"); r=$(one_start "$dir")
  fresh+=("$f"); restart+=("$r")
  echo "run $i: fresh ${f} ms, restart ${r} ms (load $(cut -d' ' -f1 /proc/loadavg))"
  rm -rf "$dir"
done
echo "$(date -u +%FT%RZ), $(nproc) cores: median fresh $(printf '%s\n' "${fresh[@]}" | median) ms (target <= 9000)," \
     "median restart $(printf '%s\n' "${restart[@]}" | median) ms (target <= 6000), $RUNS runs each"
