# The prod profile's stack for the benchmarks (sourced, not run): a new PostgreSQL database on
# 127.0.0.1:5432 ($PGUSER or postgres, trust auth; dropped afterwards) and a new standalone Artemis
# broker (the distribution the reliability run uses, with the service's docker/broker.xml) on a free
# loopback port. Sets PROD_ARGS, the service arguments that point the prod profile at both.
# Expects bench/service.sh sourced first (BENCH_OUT, DATA_DIR, free_loopback_port, stop_process).

ARTEMIS_VERSION=2.40.0
ARTEMIS_HOME=target/reliability/apache-artemis-$ARTEMIS_VERSION
PG_USER=${PGUSER:-postgres}
BENCH_DATABASE=
BROKER_PID=

start_prod_stack() {
  if [[ ! -x $ARTEMIS_HOME/bin/artemis ]]; then
    echo "== Fetching the Artemis $ARTEMIS_VERSION broker distribution"
    mvn -B -q dependency:unpack -Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin \
      -DoutputDirectory=target/reliability
  fi
  BENCH_DATABASE="bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "CREATE DATABASE $BENCH_DATABASE" >/dev/null

  local port password instance acceptor
  port=$(free_loopback_port)
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  instance="$DATA_DIR/broker"
  "$ARTEMIS_HOME/bin/artemis" create "$instance" --silent --force --no-web --require-login \
    --user bench --password "$password" --host 127.0.0.1 --no-amqp-acceptor --no-mqtt-acceptor \
    --no-stomp-acceptor --no-hornetq-acceptor >"$BENCH_OUT/broker-create.log" 2>&1
  acceptor='tcp://0.0.0.0:61616?protocols=CORE;useEpoll=true;'
  grep -qF "$acceptor" docker/broker.xml || { echo "docker/broker.xml no longer has the acceptor $acceptor" >&2; exit 1; }
  local xml
  xml=$(<docker/broker.xml)
  printf '%s\n' "${xml//"$acceptor"/"tcp://127.0.0.1:$port?protocols=CORE;"}" >"$instance/etc/broker.xml"
  "$instance/bin/artemis" run >"$BENCH_OUT/broker.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 240); do
    kill -0 "$BROKER_PID" 2>/dev/null || { echo "the broker exited during start-up; see $BENCH_OUT/broker.log" >&2; exit 1; }
    grep -q AMQ221007 "$BENCH_OUT/broker.log" && break # Server is now active
    sleep 0.5
  done
  echo "== PostgreSQL database $BENCH_DATABASE on 127.0.0.1:5432; Artemis $ARTEMIS_VERSION on tcp://127.0.0.1:$port (pid $BROKER_PID)"
  PROD_ARGS=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$BENCH_DATABASE"
    --spring.datasource.username="$PG_USER" --spring.datasource.password=
    --spring.artemis.broker-url="tcp://127.0.0.1:$port" --spring.artemis.user=bench --spring.artemis.password="$password"
    --app.encryption-key="$(head -c 32 /dev/urandom | base64)"
    --tiktok.app-key=sandbox-app-key --tiktok.app-secret=sandbox-app-secret --tiktok.service-id=sandbox-service
    --labels.api-key=sandbox-labels-key --logging.structured.format.console=)
}

stop_prod_stack() {
  stop_process "$BROKER_PID"
  if [[ -n $BENCH_DATABASE ]]; then
    psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DATABASE WITH (FORCE)" >/dev/null || true
  fi
}
