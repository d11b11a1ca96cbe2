#!/usr/bin/env bash
# Webhook intake benchmark against the packaged service (local profile: H2 + embedded Artemis with
# a persistent, synced journal, the simulated partners plugged in for the bare /sandbox/baseline
# endpoint on the same server), on a free loopback port with a fresh data directory.
#
#   bench/intake.sh [IntakeBenchmark options...]     e.g. bench/intake.sh --rates 1000 --concurrency 32
#
# Then checks the exact count: webhooks sent = acknowledged (200) = queued (the service's
# webhook_events_total{outcome="queued"}), and exits non-zero if they differ.
#
# Environment:
#   SERVICE_JAVA_OPTS  JVM flags of the service; default below (fixed 1 GiB heap so heap resizing
#                      does not show up in the figures; G1, the JDK default)
#   SERVICE_ARGS       extra service arguments, e.g. "--spring.jms.cache.session-cache-size=8"
#   CLIENT_JAVA_OPTS   JVM flags of the benchmark client; default -Xmx512m
#   JFR=1              record a Flight Recorder profile of the service (profile settings) from the
#                      first phase to the last, start-up left out; summarise it with
#                      jfr print --events jdk.ExecutionSample $BENCH_OUT/service.jfr
#   JFR_SETTINGS       a .jfc file or JDK settings name for JFR=1; default profile
#   JFR_DELAY          start recording this many seconds after the benchmark starts, e.g. 35 to
#                      leave out a 30 s warm-up; default 0
#   BENCH_OUT          where the service log (and the JFR file) go; default a new temporary directory
#   KEEP_DATA=1        keep the service's data directory (H2 database, Artemis journal) afterwards
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_NAME=intake
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-"-Xmx512m"}
# /actuator/prometheus answers only the admin token
ADMIN_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# shellcheck source=bench/service.sh
source bench/service.sh

queued_count() {
  # e.g. webhook_events_total{application="tiktok-returns",outcome="queued"} 61234.0 (absent before the first one)
  curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/actuator/prometheus" \
    | awk '/^webhook_events_total\{/ && /outcome="queued"/ { printf "%.0f\n", $NF; found=1 } END { if (!found) print 0 }'
}

package_if_needed
start_bare_app
# The intake alone: the consumer of tiktok.return-events is not loaded, so the events stay queued
# (and counted) and no CPU goes to processing them; bench/end-to-end.sh measures that processing.
WITH_SANDBOX=1 start_service --app.admin-token="$ADMIN_TOKEN" \
  --camel.main.routes-exclude-pattern='**/tiktok-return-changed.camel.yaml'
QUEUED_BEFORE=$(queued_count)
if [[ ${JFR:-0} == 1 ]]; then
  jcmd "$SERVICE_PID" JFR.start name=intake settings="${JFR_SETTINGS:-profile}" delay="${JFR_DELAY:-0}s" >/dev/null
fi

echo "== Benchmark (service pid $SERVICE_PID; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
TOTALS="$BENCH_OUT/totals"
set +e
# shellcheck disable=SC2086
java $CLIENT_JAVA_OPTS bench/IntakeBenchmark.java --url "$BASE_URL" --totals-file "$TOTALS" \
  --service-pid "$SERVICE_PID" --bare-url "$BARE_URL" --bare-pid "$BARE_PID" --clock-ticks "$(getconf CLK_TCK)" "$@"
BENCH_STATUS=$?
set -e
if [[ ${JFR:-0} == 1 ]]; then
  if jcmd "$SERVICE_PID" JFR.dump name=intake filename="$BENCH_OUT/service.jfr" >/dev/null; then
    echo "== Flight recording: $BENCH_OUT/service.jfr"
  else
    echo "== No flight recording (JFR_DELAY longer than the run?)"
  fi
fi
if [[ ! -f $TOTALS ]]; then
  echo "the benchmark did not finish (exit $BENCH_STATUS)" >&2
  exit 1
fi

echo "== Service: start-up ${STARTUP_SECONDS} s; $(service_memory) (JVM flags: $SERVICE_JAVA_OPTS)"
SENT=$(sed -n 's/^sent=//p' "$TOTALS")
ACKNOWLEDGED=$(sed -n 's/^acknowledged=//p' "$TOTALS")
QUEUED=$(( $(queued_count) - QUEUED_BEFORE ))
echo
echo "== Count check: sent=$SENT acknowledged=$ACKNOWLEDGED queued=$QUEUED"
if [[ $SENT == "$ACKNOWLEDGED" && $ACKNOWLEDGED == "$QUEUED" ]]; then
  echo "OK: every webhook sent was acknowledged and queued exactly once"
else
  echo "MISMATCH: sent, acknowledged and queued differ" >&2
  exit 1
fi
