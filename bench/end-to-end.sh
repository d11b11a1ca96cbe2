#!/usr/bin/env bash
# End-to-end benchmark: signed webhooks -> returns recorded -> Return Authorizations in NetSuite and
# ShipHero, against the packaged service (local profile: H2 + embedded Artemis, persistent journal;
# no simulated partner inside it) and the sandbox's partners process (playing TikTok, Shopify,
# NetSuite and ShipHero) that answers every call after PARTNER_LATENCY, as partners across the
# internet do. The service's CPU figures are then the service's alone.
#
#   bench/end-to-end.sh [EndToEndBenchmark options...]     e.g. bench/end-to-end.sh --returns 4000 --rate 100
#
# Prints throughput (returns/s), latency percentiles at a fixed rate, the busiest second of TikTok
# calls per shop, and the service's start-up time and resident memory. Exits non-zero when a webhook
# was refused or a return did not get both Return Authorizations.
#
# Environment:
#   PROFILE=prod       the prod profile's stack instead of the embedded one: a new PostgreSQL database
#                      on 127.0.0.1:5432 and a new standalone Artemis broker (bench/prod-stack.sh);
#                      default local (H2 and embedded Artemis)
#   PARTNER_LATENCY    how long every sandbox partner call takes; default 50ms
#   SERVICE_JAVA_OPTS  JVM flags of the service; default -Xms384m -Xmx384m -XX:+UseG1GC: a fixed heap
#                      (resizing stays out of the figures), sized so that the whole process stays
#                      under the 768 MB resident-memory target; the resident memory is printed
#   CONSUMERS          concurrent consumers, default "--app.consumers.tiktok-return-events=32
#                      --app.consumers.wms=32": with partners at 50 ms a consumer waits most of the
#                      time (a Return Authorization takes 3 to 4 partner calls), and the service's
#                      defaults (8 and 4), sized for partners' own concurrency limits, would cap the
#                      flow at about 20 returns/s before the CPU does
#   SERVICE_ARGS       extra service arguments
#   BENCH_OUT          where the service log goes; default a new temporary directory
#   KEEP_DATA=1        keep the service's data directory afterwards
#   JFR=1              record a Flight Recorder profile of the service from set-up to the end
#                      (JFR_SETTINGS: a .jfc file or JDK settings name; default profile):
#                      jfr print --events jdk.ExecutionSample $BENCH_OUT/service.jfr
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_NAME=end-to-end
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-Xms384m -Xmx384m -XX:+UseG1GC"}
PARTNER_LATENCY=${PARTNER_LATENCY:-50ms}
ADMIN_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# shellcheck source=bench/service.sh
source bench/service.sh

package_if_needed
PROFILE=${PROFILE:-local}
STACK_ARGS=()
if [[ $PROFILE == prod ]]; then
  # shellcheck source=bench/prod-stack.sh
  source bench/prod-stack.sh
  start_prod_stack
  STACK_ARGS=("${PROD_ARGS[@]}")
elif [[ $PROFILE != local ]]; then
  echo "PROFILE must be local or prod, not $PROFILE" >&2
  exit 2
fi
PORT=$(free_loopback_port)
start_partners --sandbox.latency="$PARTNER_LATENCY" \
  --tiktok.oauth-redirect-url="http://127.0.0.1:$PORT/oauth/tiktok/callback"
# Reconciliation is off: the benchmark makes every return at the sandbox TikTok during set-up, minutes
# before its webhook, and the first reconciliation round of a newly connected shop would record them
# all from TikTok's search instead (it did: the latency phase's returns were recorded before their
# webhooks were sent). What is measured is the webhook's path.
CONSUMERS=${CONSUMERS:-"--app.consumers.tiktok-return-events=32 --app.consumers.wms=32"}
# shellcheck disable=SC2086 # CONSUMERS is meant to split into arguments
SERVICE_PROFILE=$PROFILE start_service --app.admin-token="$ADMIN_TOKEN" $CONSUMERS "${STACK_ARGS[@]}" \
  --tiktok.api-base-url="$PARTNERS_URL/sandbox/tiktok" \
  --tiktok.auth-base-url="$PARTNERS_URL/sandbox/tiktok-auth" \
  --tiktok.authorize-url="$PARTNERS_URL/sandbox/tiktok-auth/open/authorize" \
  --tiktok.oauth-redirect-url="http://127.0.0.1:$PORT/oauth/tiktok/callback" \
  --shiphero.api-base-url="$PARTNERS_URL/sandbox/shiphero" \
  --labels.provider-url="$PARTNERS_URL/sandbox/labels" \
  --app.partners.allow-private-hosts=true --app.partners.allow-plain-http=true \
  --tiktok.reconcile.enabled=false
if [[ ${JFR:-0} == 1 ]]; then
  jcmd "$SERVICE_PID" JFR.start name=e2e settings="${JFR_SETTINGS:-profile}" >/dev/null
fi
echo "== Benchmark ($PROFILE profile; service pid $SERVICE_PID; partners answer after $PARTNER_LATENCY; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
set +e
java -Xmx512m bench/EndToEndBenchmark.java --url "$BASE_URL" --partners-url "$PARTNERS_URL" --admin-token "$ADMIN_TOKEN" \
  --service-pid "$SERVICE_PID" --clock-ticks "$(getconf CLK_TCK)" "$@"
STATUS=$?
set -e
if [[ ${JFR:-0} == 1 ]]; then
  jcmd "$SERVICE_PID" JFR.dump name=e2e filename="$BENCH_OUT/service.jfr" >/dev/null && echo "== Flight recording: $BENCH_OUT/service.jfr"
fi
echo
echo "== Service: start-up ${STARTUP_SECONDS} s; $(service_memory) (JVM flags: $SERVICE_JAVA_OPTS; $CONSUMERS)"
echo "== Partner calls made by the service (set-up included), by partner:"
curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/actuator/prometheus" | awk '/^partner_calls_seconds_count\{/ {
    match($0, /partner="[^"]*"/); calls[substr($0, RSTART + 9, RLENGTH - 10)] += $NF }
    END { for (p in calls) printf "  %-10s %8d\n", p, calls[p] }' | sort
echo "== Dead letters: $(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/admin/dlq")"
exit $STATUS
