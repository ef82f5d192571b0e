#!/usr/bin/env bash
# Idempotent machine setup for tests: PostgreSQL up with the test role, Debian Chromium installed.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql
fi
PGVER=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | awk -v v="$PGVER" '$1==v && $2=="main"' | grep -q . || $SUDO pg_createcluster "$PGVER" main
pg_lsclusters -h | awk -v v="$PGVER" '$1==v && $2=="main" && $4=="online"' | grep -q . || $SUDO pg_ctlcluster "$PGVER" main start
for i in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
PSQL="$SUDO runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA"
$PSQL -c "SELECT 1 FROM pg_roles WHERE rolname='atrium'" | grep -q 1 || $PSQL -c "CREATE ROLE atrium LOGIN CREATEDB CREATEROLE PASSWORD 'atrium'"
# CREATEROLE: DatabaseRoleSplitTests creates (and drops) an application role to prove the owner/app split
$PSQL -c "ALTER ROLE atrium CREATEDB CREATEROLE"
# pg_checkpoint (PostgreSQL 15+): the benchmark checkpoints after its bulk loads, before it measures (.bench/run)
$PSQL -c "GRANT pg_checkpoint TO atrium" 2>/dev/null || true
if [ ! -x /usr/bin/chromium ]; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver
fi
