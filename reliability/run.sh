#!/usr/bin/env bash
# The reliability run (issue 8): the packaged service against real processes, a ledger per scenario.
#
#   reliability/run.sh            full run: 10,000 webhooks for 2,000 returns per scenario (20 min on 2 cores)
#   reliability/run.sh --short    the same scenarios at a tenth of the traffic, one of each fault (5 to 8 min)
#   reliability/run.sh [--short] --scenarios baseline,faults,two-instances,hostile   (a subset)
#   reliability/run.sh --seed N   the same shuffles, duplicates and shop ids again
#
# Scenarios: baseline; faults (SIGKILL of the service, broker restart, PostgreSQL restart, partners
# failing a share of calls with 5xx/429 and each down for a while); two-instances; hostile.
# Every scenario gets a new database on the local PostgreSQL (127.0.0.1:5432, trust auth, user
# $PGUSER or postgres; dropped afterwards) and a new standalone Artemis broker on a loopback port.
# The partners (TikTok, Shopify, NetSuite, ShipHero) are the sandbox's partners process (its own
# runnable jar, sandbox/target/*-partners.jar), which outlives the service's SIGKILLs. The faults scenario restarts the PostgreSQL cluster
# (pg_ctlcluster restart): run it where that is allowed, as root.
#
# Needs: JDK 17+, Maven, PostgreSQL at 127.0.0.1:5432. Fetches org.apache.activemq:apache-artemis:2.40.0
# (bin) from Maven Central once, into target/reliability/. Exits non-zero when a promise is broken.
# Logs of every process: target/reliability/run-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=service/target/tiktok-returns-0.1.0-SNAPSHOT.jar
PARTNERS_JAR=sandbox/target/tiktok-returns-sandbox-0.1.0-SNAPSHOT-partners.jar
ARTEMIS_VERSION=2.40.0
ARTEMIS_HOME=target/reliability/apache-artemis-$ARTEMIS_VERSION
WORK=target/reliability/run-$(date +%Y%m%d-%H%M%S)

if [[ ! -f $JAR || ! -f $PARTNERS_JAR ]] \
   || [[ -n $(find pom.xml service/pom.xml service/src sandbox/pom.xml sandbox/src -newer "$JAR" -type f -print -quit) ]]; then
  echo "== Packaging the service and the partners (mvn -DskipTests package)"
  mvn -B -q -DskipTests package
fi

if [[ ! -x $ARTEMIS_HOME/bin/artemis ]]; then
  echo "== Fetching the Artemis $ARTEMIS_VERSION broker distribution"
  mvn -B -q dependency:unpack -Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin \
    -DoutputDirectory=target/reliability
fi

reliability/postgres-up.sh

echo "== Building the harness (reliability/pom.xml)"
mvn -B -q -f reliability/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath
CLASSPATH="reliability/target/classes:$(cat reliability/target/classpath)"

# the faults scenario restarts PostgreSQL: however the run ends, the cluster is up again afterwards
trap 'reliability/postgres-up.sh || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CLASSPATH" io.returnflow.reliability.ReliabilityRun \
  --jar "$JAR" --partners-jar "$PARTNERS_JAR" --artemis-home "$ARTEMIS_HOME" --broker-xml docker/broker.xml --work "$WORK" "$@"
