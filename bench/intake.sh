#!/usr/bin/env bash
# Webhook intake benchmark against the packaged service (local profile: H2 + embedded Artemis with
# a persistent, synced journal), on a free loopback port with a fresh data directory.
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

JAR=target/tiktok-returns-0.1.0-SNAPSHOT.jar
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseG1GC"}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-"-Xmx512m"}
BENCH_OUT=${BENCH_OUT:-$(mktemp -d -t intake-bench.XXXXXX)}
DATA_DIR=$(mktemp -d -t intake-bench-data.XXXXXX)
mkdir -p "$BENCH_OUT"
SERVICE_PID=

package_if_needed() {
  # Also when the jar is not an executable Spring Boot jar (a package run that failed half-way).
  if [[ ! -f $JAR ]] || [[ -n $(find pom.xml src -newer "$JAR" -type f -print -quit) ]] \
     || ! unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Start-Class:'; then
    echo "== Packaging the service (mvn -B -DskipTests package)"
    mvn -B -q -DskipTests package
  fi
}

free_loopback_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 25000))
    if ! ss -Htln "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

stop_service() {
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID"
    # Graceful shutdown (server.shutdown=graceful) takes a few seconds; never wait forever.
    for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  if [[ ${KEEP_DATA:-0} != 1 ]]; then rm -rf "$DATA_DIR"; else echo "data kept in $DATA_DIR"; fi
}
trap stop_service EXIT

wait_until_up() {
  for _ in $(seq 1 240); do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "the service exited during start-up; see $BENCH_OUT/service.log" >&2
      exit 1
    fi
    if curl -fsS "$BASE_URL/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      return
    fi
    sleep 0.5
  done
  echo "the service was not UP after 120 s; see $BENCH_OUT/service.log" >&2
  exit 1
}

queued_count() {
  # e.g. webhook_events_total{application="tiktok-returns",outcome="queued"} 61234.0 (absent before the first one)
  curl -fsS "$BASE_URL/actuator/prometheus" \
    | awk '/^webhook_events_total\{/ && /outcome="queued"/ { printf "%.0f\n", $NF; found=1 } END { if (!found) print 0 }'
}

package_if_needed
PORT=$(free_loopback_port)
BASE_URL="http://127.0.0.1:$PORT"

echo "== Starting the service on $BASE_URL (data $DATA_DIR, log $BENCH_OUT/service.log)"
# shellcheck disable=SC2086 # the option strings are meant to split into flags
java $SERVICE_JAVA_OPTS -jar "$JAR" \
  --server.address=127.0.0.1 --server.port="$PORT" --app.data-dir="$DATA_DIR" ${SERVICE_ARGS:-} \
  >"$BENCH_OUT/service.log" 2>&1 &
SERVICE_PID=$!
wait_until_up
QUEUED_BEFORE=$(queued_count)
if [[ ${JFR:-0} == 1 ]]; then
  jcmd "$SERVICE_PID" JFR.start name=intake settings="${JFR_SETTINGS:-profile}" delay="${JFR_DELAY:-0}s" >/dev/null
fi

echo "== Benchmark (service pid $SERVICE_PID; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
TOTALS="$BENCH_OUT/totals"
set +e
# shellcheck disable=SC2086
java $CLIENT_JAVA_OPTS bench/IntakeBenchmark.java --url "$BASE_URL" --totals-file "$TOTALS" \
  --service-pid "$SERVICE_PID" --clock-ticks "$(getconf CLK_TCK)" "$@"
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
