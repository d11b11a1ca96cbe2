#!/usr/bin/env bash
# Start-up benchmark: launch to /actuator/health UP of the packaged service (local profile, fresh
# data directory each time), RUNS times (default 3) each way, side by side:
#   jar        java -jar service/target/tiktok-returns-<version>.jar (what the other benchmarks run)
#   extracted  the jar extracted (java -Djarmode=tools ... extract), as the Docker image runs it
#   cds        extracted, plus a class data sharing archive made by a training run that stops once
#              the context has refreshed (-XX:ArchiveClassesAtExit, -Dspring.context.exit=onRefresh)
# Prints every run and the median of each way.
#
#   bench/start-up.sh            RUNS=5 bench/start-up.sh
#
# Environment: SERVICE_JAVA_OPTS (default -Xms384m -Xmx384m -XX:+UseG1GC, the end-to-end benchmark's).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_NAME=start-up
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-Xms384m -Xmx384m -XX:+UseG1GC"}
RUNS=${RUNS:-3}
# shellcheck source=bench/service.sh
source bench/service.sh

package_if_needed
EXTRACTED="$DATA_DIR/extracted"
java -Djarmode=tools -jar "$JAR" extract --destination "$EXTRACTED" >/dev/null
ARCHIVE="$DATA_DIR/service.jsa"
echo "== Training run for the class data sharing archive (stops after the context refresh)"
# shellcheck disable=SC2086
java $SERVICE_JAVA_OPTS -XX:ArchiveClassesAtExit="$ARCHIVE" -Dspring.context.exit=onRefresh \
  -jar "$EXTRACTED/tiktok-returns-$VERSION.jar" --spring.profiles.active=local --server.port=0 \
  --app.data-dir="$DATA_DIR/training" >"$BENCH_OUT/training.log" 2>&1 || true
[[ -f $ARCHIVE ]] || { echo "no archive made; see $BENCH_OUT/training.log" >&2; exit 1; }

# one_start WAY FLAGS JAR: seconds from launch to health UP, with 0.1 s resolution
one_start() {
  local way=$1 flags=$2 jar=$3 port started pid seconds
  port=$(free_loopback_port)
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  java $SERVICE_JAVA_OPTS $flags -jar "$jar" --spring.profiles.active=local --server.address=127.0.0.1 \
    --server.port="$port" --app.data-dir="$DATA_DIR/$way-$RANDOM" >"$BENCH_OUT/$way.log" 2>&1 &
  pid=$!
  SERVICE_PID=$pid
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited during start-up; see $BENCH_OUT/$way.log" >&2; exit 1; }
    curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
    sleep 0.1
  done
  seconds=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  stop_process "$pid"
  SERVICE_PID=
  echo "$seconds"
}

echo "== Start-up, launch to health UP ($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: $SERVICE_JAVA_OPTS)"
declare -A RESULTS
for _ in $(seq 1 "$RUNS"); do
  # interleaved, so a busier moment of the machine does not fall on one way only
  RESULTS[jar]+="$(one_start jar "" "$JAR") "
  RESULTS[extracted]+="$(one_start extracted "" "$EXTRACTED/tiktok-returns-$VERSION.jar") "
  RESULTS[cds]+="$(one_start cds "-XX:SharedArchiveFile=$ARCHIVE" "$EXTRACTED/tiktok-returns-$VERSION.jar") "
done
for way in jar extracted cds; do
  median=$(tr ' ' '\n' <<<"${RESULTS[$way]}" | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%-10s median %5s s   runs: %s\n' "$way" "$median" "${RESULTS[$way]}"
done
