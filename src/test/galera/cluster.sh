#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on one machine, from Debian's mariadb-server and galera-4 packages, for the
# Galera integration test (org.consentledger.it.GaleraClusterIT) and by hand (docs/DEPLOY.md, "Galera").
#
#   src/test/galera/cluster.sh start            # bootstraps node 1, joins 2 and 3 (rsync state transfer)
#   src/test/galera/cluster.sh kill N           # SIGKILL node N (a crash, no clean shutdown)
#   src/test/galera/cluster.sh stop N           # clean shutdown of node N
#   src/test/galera/cluster.sh rejoin N         # --wsrep-recover, then start N again with the recovered position
#   src/test/galera/cluster.sh isolate N on|off # cuts node N off the group (it goes non-Primary: out of quorum)
#   src/test/galera/cluster.sh status           # wsrep state of every running node
#   src/test/galera/cluster.sh down             # stops every node
#   src/test/galera/cluster.sh url N            # a JDBC URL of node N
#   src/test/galera/cluster.sh single           # a plain server (wsrep off, same settings) as node 4, for benchmarks
#
# Environment: GALERA_DIR (default target/galera; datadirs, sockets, logs), GALERA_PORT (default 33061: node N's
# SQL port is GALERA_PORT+N-1; group communication +100, IST +200, SST +300), GALERA_USER / GALERA_PASSWORD
# (the account created for the application, default consent/consent). Runs as root (rsync SST needs to read
# and write the datadirs as the server's user) or as any user owning GALERA_DIR.
set -euo pipefail

DIR=$(realpath -m "${GALERA_DIR:-target/galera}")
PORT=${GALERA_PORT:-33061}
USER_NAME=${GALERA_USER:-consent}
USER_PASSWORD=${GALERA_PASSWORD:-consent}
MARIADBD=${MARIADBD:-$(command -v mariadbd || echo /usr/sbin/mariadbd)}
PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
RUN_AS=$(id -un)

sql_port() { echo $((PORT + $1 - 1)); }
gcomm_port() { echo $((PORT + 100 + $1 - 1)); }
node_dir() { echo "$DIR/node$1"; }
pid_of() { cat "$(node_dir "$1")/mariadbd.pid" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
client() { mariadb --no-defaults -uroot -S "$(node_dir "$1")/mariadbd.sock" -N -B "${@:2}"; }

cluster_address() {
  echo "gcomm://127.0.0.1:$(gcomm_port 1),127.0.0.1:$(gcomm_port 2),127.0.0.1:$(gcomm_port 3)"
}

write_config() {
  local n=$1 d; d=$(node_dir "$n")
  mkdir -p "$d/data" "$d/tmp"
  cat > "$d/my.cnf" <<CNF
[mysqld]
user=$RUN_AS
datadir=$d/data
tmpdir=$d/tmp
socket=$d/mariadbd.sock
pid-file=$d/mariadbd.pid
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=96M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=0
max_connections=300
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=consent-ledger-test
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(gcomm_port "$n")
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$n")
wsrep_sst_method=cl_rsync
wsrep_sst_receive_address=127.0.0.1:$((PORT + 300 + n - 1))
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$((PORT + 200 + n - 1));gcache.size=64M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S"
wsrep_slave_threads=2
[client]
socket=$d/mariadbd.sock
CNF
}

await_synced() {
  local n=$1 i
  for i in $(seq 1 240); do
    if ! alive "$n"; then
      echo "node $n exited; last log lines:" >&2
      tail -n 40 "$(node_dir "$n")/error.log" >&2 || true
      return 1
    fi
    if [ "$(client "$n" -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = "Synced" ]; then
      return 0
    fi
    sleep 0.5
  done
  echo "node $n not synced after 120 s" >&2
  tail -n 40 "$(node_dir "$n")/error.log" >&2 || true
  return 1
}

# The rsync SST's joiner runs an rsync daemon, which as root drops to user "nobody" and then cannot write the
# datadir. The server puts its own bin directory first in the SST script's PATH, so the state transfer method is
# "cl_rsync": Debian's rsync script run with this directory first in PATH, where an rsync wrapper makes the
# daemon keep the server's user.
write_rsync_wrapper() {
  mkdir -p "$DIR/bin"
  cat > "$DIR/bin/rsync" <<'WRAP'
#!/usr/bin/env bash
if [ "$(id -u)" = 0 ]; then
  prev=
  for a in "$@"; do
    if [ "$prev" = "--config" ] && [ -f "$a" ] && ! grep -q '^uid = ' "$a"; then
      sed -i '1i uid = root\ngid = root' "$a"
    fi
    prev=$a
  done
fi
exec /usr/bin/rsync "$@"
WRAP
  chmod +x "$DIR/bin/rsync"
  cat > "$DIR/bin/wsrep_sst_cl_rsync" <<WRAP
#!/usr/bin/env bash
PATH="$DIR/bin:\$PATH" exec /usr/bin/wsrep_sst_rsync "\$@"
WRAP
  chmod +x "$DIR/bin/wsrep_sst_cl_rsync"
}

launch() { # node, extra arguments
  local n=$1 d; d=$(node_dir "$n")
  shift
  rm -f "$d/mariadbd.pid"
  write_rsync_wrapper
  PATH="$DIR/bin:$PATH" nohup "$MARIADBD" --defaults-file="$d/my.cnf" "$@" >>"$d/stdout.log" 2>&1 &
  local launched=$!
  # on a loaded machine the server may take many seconds to write its pid file; until then it is not "exited"
  for _ in $(seq 1 900); do
    [ -s "$d/mariadbd.pid" ] && return 0
    kill -0 "$launched" 2>/dev/null || return 0
    sleep 0.1
  done
}

start_cluster() {
  mkdir -p "$DIR"
  local n
  for n in 1 2 3; do
    if alive "$n"; then
      echo "node $n is already running" >&2
      exit 1
    fi
    rm -rf "$(node_dir "$n")"
    write_config "$n"
  done
  mariadb-install-db --defaults-file="$(node_dir 1)/my.cnf" --user="$RUN_AS" --skip-test-db \
    --auth-root-authentication-method=socket >"$(node_dir 1)/install.log" 2>&1
  launch 1 --wsrep-new-cluster
  await_synced 1
  client 1 -e "CREATE USER IF NOT EXISTS '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD'; \
    GRANT ALL ON *.* TO '$USER_NAME'@'%'; CREATE DATABASE IF NOT EXISTS consentledger"
  for n in 2 3; do
    launch "$n"
    await_synced "$n"
  done
  status
}

kill_node() {
  local n=$1 p; p=$(pid_of "$n")
  [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$n" || return 0; sleep 0.1; done
}

stop_node() {
  local n=$1 p; p=$(pid_of "$n")
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 300); do alive "$n" || return 0; sleep 0.2; done
  kill -9 "$p" 2>/dev/null || true
}

rejoin_node() {
  local n=$1 d pos; d=$(node_dir "$n")
  if alive "$n"; then
    echo "node $n is running" >&2
    return 1
  fi
  # a crashed node does not know its last committed position: InnoDB recovery tells (what mysqld_safe does)
  "$MARIADBD" --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || true
  pos=$(grep -o 'Recovered position: .*' "$d/recover.log" | tail -n 1 | sed 's/Recovered position: //' || true)
  rm -f "$d/recover.log"
  if [ -n "$pos" ]; then
    launch "$n" --wsrep-start-position="$pos"
  else
    launch "$n"
  fi
  await_synced "$n"
}

status() {
  local n
  for n in 1 2 3; do
    if alive "$n"; then
      echo "node$n port $(sql_port "$n"): $(client "$n" -e "SHOW STATUS WHERE Variable_name IN \
        ('wsrep_local_state_comment','wsrep_cluster_size','wsrep_cluster_status','wsrep_ready')" 2>/dev/null | tr '\t\n' '= ')"
    else
      echo "node$n port $(sql_port "$n"): down"
    fi
  done
}

case "${1:-}" in
  start) start_cluster ;;
  kill) kill_node "$2" ;;
  stop) stop_node "$2" ;;
  rejoin) rejoin_node "$2" ;;
  isolate) client "$2" -e "SET GLOBAL wsrep_provider_options='gmcast.isolate=$([ "$3" = on ] && echo 1 || echo 0)'"
    [ "$3" = on ] || await_synced "$2" ;;
  single)
    write_config 4
    sed -i -e '/^wsrep/d' -e '/^binlog_format/d' -e '/^innodb_autoinc_lock_mode/d' "$(node_dir 4)/my.cnf"
    mariadb-install-db --defaults-file="$(node_dir 4)/my.cnf" --user="$RUN_AS" --skip-test-db \
      --auth-root-authentication-method=socket >"$(node_dir 4)/install.log" 2>&1
    launch 4
    for _ in $(seq 1 100); do client 4 -e "SELECT 1" >/dev/null 2>&1 && break; sleep 0.2; done
    client 4 -e "CREATE USER IF NOT EXISTS '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD'; \
      GRANT ALL ON *.* TO '$USER_NAME'@'%'; CREATE DATABASE IF NOT EXISTS consentledger" ;;
  status) status ;;
  down) for n in 4 3 2 1; do stop_node "$n"; done ;;
  url) echo "jdbc:mariadb://127.0.0.1:$(sql_port "$2")/consentledger" ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
