#!/usr/bin/env bash
# Starts this machine's PostgreSQL cluster (127.0.0.1:5432) if it is not accepting connections, and
# waits up to 30 s for it. The reliability run restarts that cluster; CI and run.sh call this before
# and after it, so that nothing is left without its database whatever happened in between.
if pg_isready -q -h 127.0.0.1 -p 5432; then
  exit 0
fi
echo "== Starting PostgreSQL (127.0.0.1:5432 was not accepting connections)"
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort | head -n1)" main start || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
  sleep 1
done
echo "PostgreSQL at 127.0.0.1:5432 is not up after 30 s" >&2
exit 1
