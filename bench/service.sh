# Shared by the benchmark scripts (sourced, not run): package the service and the sandbox when needed,
# start the service (and, for the end-to-end benchmark, the partners process) on free loopback ports
# with fresh data directories, wait until UP, stop everything on exit.
# Expects BENCH_NAME; sets JAR, BENCH_OUT, DATA_DIR, SERVICE_PID, BASE_URL, STARTUP_SECONDS
# (and PARTNERS_PID, PARTNERS_URL).

VERSION=0.1.0-SNAPSHOT
# the production jar (no simulated partner in it)
JAR=service/target/tiktok-returns-$VERSION.jar
# the simulated partners: the module's plain jar (to plug into the service) and its runnable process
SANDBOX_JAR=sandbox/target/tiktok-returns-sandbox-$VERSION.jar
PARTNERS_JAR=sandbox/target/tiktok-returns-sandbox-$VERSION-partners.jar
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseG1GC"}

BENCH_OUT=${BENCH_OUT:-$(mktemp -d -t "$BENCH_NAME-bench.XXXXXX")}
DATA_DIR=$(mktemp -d -t "$BENCH_NAME-bench-data.XXXXXX")
mkdir -p "$BENCH_OUT"
SERVICE_PID=
PARTNERS_PID=

package_if_needed() {
  # Also when the jar is not an executable Spring Boot jar (a package run that failed half-way).
  if [[ ! -f $JAR || ! -f $PARTNERS_JAR ]] \
     || [[ -n $(find pom.xml service/pom.xml service/src sandbox/pom.xml sandbox/src -newer "$JAR" -type f -print -quit) ]] \
     || ! unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Start-Class:'; then
    echo "== Packaging the service and the sandbox (mvn -B -DskipTests package)"
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

stop_process() {
  local pid=$1
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    # Graceful shutdown (server.shutdown=graceful) takes a few seconds; never wait forever.
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

stop_all() {
  stop_process "$SERVICE_PID"
  stop_process "$PARTNERS_PID"
  stop_process "$BARE_PID"
  if declare -F stop_prod_stack >/dev/null; then stop_prod_stack; fi
  if [[ ${KEEP_DATA:-0} != 1 ]]; then rm -rf "$DATA_DIR"; else echo "data kept in $DATA_DIR"; fi
}
trap stop_all EXIT

# wait_until_up PID URL LOG
wait_until_up() {
  for _ in $(seq 1 240); do
    if ! kill -0 "$1" 2>/dev/null; then
      echo "the process exited during start-up; see $3" >&2
      exit 1
    fi
    if curl -fsS "$2/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      return
    fi
    sleep 0.5
  done
  echo "not UP after 120 s; see $3" >&2
  exit 1
}

# start_service [service arguments...]: the packaged service, local profile, on a free loopback port.
# WITH_SANDBOX=1: the simulated partners plugged into it (on its classpath through Spring Boot's
# PropertiesLauncher and loader.path), as mvn -Plocal spring-boot:run has them.
start_service() {
  PORT=${PORT:-$(free_loopback_port)}
  BASE_URL="http://127.0.0.1:$PORT"
  echo "== Starting the service on $BASE_URL (data $DATA_DIR, log $BENCH_OUT/service.log)"
  local started
  started=$(date +%s%N)
  local launch=(-jar "$JAR")
  if [[ ${WITH_SANDBOX:-0} == 1 ]]; then
    launch=(-Dloader.path="$SANDBOX_JAR" -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher)
  fi
  # shellcheck disable=SC2086 # the option strings are meant to split into flags
  java $SERVICE_JAVA_OPTS "${launch[@]}" --spring.profiles.active="${SERVICE_PROFILE:-local}" \
    --server.address=127.0.0.1 --server.port="$PORT" --app.data-dir="$DATA_DIR/service" "$@" ${SERVICE_ARGS:-} \
    >"$BENCH_OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  wait_until_up "$SERVICE_PID" "$BASE_URL" "$BENCH_OUT/service.log"
  STARTUP_SECONDS=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  echo "== UP after ${STARTUP_SECONDS} s (launch to /actuator/health UP); $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds[^)]*)' "$BENCH_OUT/service.log" | head -n1)"
}

# start_partners [arguments...]: the sandbox's partners process (TikTok, Shopify, NetSuite, ShipHero,
# the label provider), so that their work is not the service's CPU.
start_partners() {
  local port
  port=$(free_loopback_port)
  PARTNERS_URL="http://127.0.0.1:$port"
  echo "== Starting the partners on $PARTNERS_URL (log $BENCH_OUT/partners.log)"
  java -Xms512m -Xmx512m -XX:+UseG1GC -jar "$PARTNERS_JAR" \
    --server.address=127.0.0.1 --server.port="$port" "$@" \
    >"$BENCH_OUT/partners.log" 2>&1 &
  PARTNERS_PID=$!
  wait_until_up "$PARTNERS_PID" "$PARTNERS_URL" "$BENCH_OUT/partners.log"
}

# start_bare_app: the benchmark's own bare Spring MVC application (bench/bare-http), with the
# service's JVM flags, on a free loopback port; sets BARE_URL and BARE_PID.
BARE_JAR=bench/bare-http/target/bare-http.jar
BARE_PID=
start_bare_app() {
  if [[ ! -f $BARE_JAR || -n $(find bench/bare-http/pom.xml bench/bare-http/src -newer "$BARE_JAR" -type f -print -quit) ]]; then
    echo "== Packaging the bare Spring MVC application (mvn -B -f bench/bare-http/pom.xml package)"
    mvn -B -q -f bench/bare-http/pom.xml -DskipTests package
  fi
  local port
  port=$(free_loopback_port)
  BARE_URL="http://127.0.0.1:$port"
  # shellcheck disable=SC2086 # the option string is meant to split into flags
  java $SERVICE_JAVA_OPTS -jar "$BARE_JAR" --server.address=127.0.0.1 --server.port="$port" \
    >"$BENCH_OUT/bare-http.log" 2>&1 &
  BARE_PID=$!
  for _ in $(seq 1 120); do
    kill -0 "$BARE_PID" 2>/dev/null || { echo "the bare application exited; see $BENCH_OUT/bare-http.log" >&2; exit 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -d x "$BARE_URL/webhooks/tiktok") == 200 ]] && break
    sleep 0.5
  done
  echo "== Bare Spring MVC application on $BARE_URL (pid $BARE_PID)"
}

# The service's resident memory now and at its peak (Linux /proc), e.g. "RSS 612 MiB, peak 655 MiB".
service_memory() {
  awk '/^VmRSS/ { rss = $2 } /^VmHWM/ { hwm = $2 } END { printf "RSS %d MiB, peak %d MiB", rss / 1024, hwm / 1024 }' \
    "/proc/$SERVICE_PID/status"
}
