# Shared by the benchmark scripts (sourced, not run): package the service when needed, start it
# on a free loopback port with a fresh data directory, wait until it is UP, stop it on exit.
# Expects BENCH_NAME; sets JAR, BENCH_OUT, DATA_DIR, SERVICE_PID, BASE_URL, STARTUP_SECONDS.

JAR=target/tiktok-returns-0.1.0-SNAPSHOT.jar
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseG1GC"}

BENCH_OUT=${BENCH_OUT:-$(mktemp -d -t "$BENCH_NAME-bench.XXXXXX")}
DATA_DIR=$(mktemp -d -t "$BENCH_NAME-bench-data.XXXXXX")
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

# start_service [service arguments...]: the packaged service, local profile, on a free loopback port.
start_service() {
  PORT=$(free_loopback_port)
  BASE_URL="http://127.0.0.1:$PORT"
  echo "== Starting the service on $BASE_URL (data $DATA_DIR, log $BENCH_OUT/service.log)"
  local started
  started=$(date +%s%N)
  # shellcheck disable=SC2086 # the option strings are meant to split into flags
  java $SERVICE_JAVA_OPTS -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$PORT" --app.data-dir="$DATA_DIR" "$@" ${SERVICE_ARGS:-} \
    >"$BENCH_OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  wait_until_up
  STARTUP_SECONDS=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  echo "== UP after ${STARTUP_SECONDS} s (launch to /actuator/health UP); $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds[^)]*)' "$BENCH_OUT/service.log" | head -n1)"
}

# The service's resident memory now and at its peak (Linux /proc), e.g. "RSS 612 MiB, peak 655 MiB".
service_memory() {
  awk '/^VmRSS/ { rss = $2 } /^VmHWM/ { hwm = $2 } END { printf "RSS %d MiB, peak %d MiB", rss / 1024, hwm / 1024 }' \
    "/proc/$SERVICE_PID/status"
}

