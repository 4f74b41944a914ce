#!/bin/bash
# Generates $EVENTS (default 10 M) consent events for site "bench" in database $DB over the last 90 days, server-side
# (INSERT ... SELECT from the SEQUENCE engine), the same SQL and mix as OperatorBenchmark.generate. Needs the schema
# (start the service once against $DB, or apply src/main/resources/db/migration/V*.sql).
set -e
DB=${DB:-bench_operator}
M="mariadb -uroot -h127.0.0.1 $DB"
$M -e "INSERT INTO site (site_key, name, allowed_origins, retention_days, created_at) VALUES ('bench','Benchmark site','[\"https://bench.example\"]',3650,NOW(6))"
SITE=$($M -N -e "SELECT id FROM site WHERE site_key='bench'")
EVENTS=${EVENTS:-10000000}
VISITORS=$((EVENTS/3))
END=$($M -N -e "SELECT DATE_SUB(NOW(6), INTERVAL 1 MINUTE)")
SPAN=$((90*86400*1000000))
STEP=$((SPAN/EVENTS))
CHUNK=250000
START=$(date +%s)
for ((from=1; from<=EVENTS; from+=CHUNK)); do
  to=$((from+CHUNK-1)); if ((to>EVENTS)); then to=$EVENTS; fi
  $M -e "INSERT INTO consent_event (consent_id, site_id, visitor_id, action, method, decisions, config_version, config_hash, language, gpc, page_url, ip_truncated, user_agent, personal_salt, personal_commitment, recorded_at) SELECT UUID(), $SITE, LPAD(HEX(seq MOD $VISITORS), 36, '0'), CASE WHEN seq MOD 100 < 55 THEN 'given' WHEN seq MOD 100 < 85 THEN 'refused' WHEN seq MOD 100 < 97 THEN 'partial' ELSE 'withdrawn' END, CASE WHEN seq MOD 100 < 55 THEN 'accept-all' WHEN seq MOD 100 < 85 THEN 'reject-all' WHEN seq MOD 100 < 97 THEN 'save-settings' ELSE 'withdraw' END, CASE WHEN seq MOD 100 < 55 THEN '{\"essential\":true,\"analytics\":true,\"marketing\":true}' WHEN seq MOD 100 < 85 THEN '{\"essential\":true,\"analytics\":false,\"marketing\":false}' WHEN seq MOD 100 < 97 THEN '{\"essential\":true,\"analytics\":true,\"marketing\":false}' ELSE '{\"essential\":true,\"analytics\":false,\"marketing\":false}' END, 1, REPEAT('ab', 32), IF(seq MOD 2 = 0, 'de', 'en'), seq MOD 50 = 0, 'https://bench.example/de/preise', CONCAT('203.0.', seq MOD 256, '.0'), 'Firefox 140 / Linux', UNHEX(SHA2(CONCAT('s', seq), 256)), UNHEX(SHA2(seq, 256)), TIMESTAMPADD(MICROSECOND, -$SPAN + CAST(seq AS SIGNED) * $STEP, '$END') FROM seq_${from}_to_${to}"
  echo "$(date -u +%T) generated $to / $EVENTS ($(( $(date +%s)-START )) s) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
$M -e "ANALYZE TABLE consent_event"
echo "done in $(( $(date +%s)-START )) s"
