#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, database `test`) and Redis (127.0.0.1:6379) answer.
# Starts them when installed but stopped; installs them from Debian's packages when missing (needs root).
set -uo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if ! port_open 5432; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "ensure-services: installing PostgreSQL from Debian's packages"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  ver=$(ls /etc/postgresql | head -n1)
  conf="/etc/postgresql/$ver/main/pg_hba.conf"
  if [ -f "$conf" ] && ! grep -q '^host all all 127.0.0.1/32 trust' "$conf"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$conf"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do port_open 5432 && break; sleep 1; done
  as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\" | grep -q 1 || createdb test" || true
fi
port_open 5432 && echo "ensure-services: PostgreSQL ready" || { echo "ensure-services: PostgreSQL unavailable"; exit 1; }

if ! port_open 6379; then
  if ! command -v redis-server >/dev/null; then
    echo "ensure-services: installing Redis from Debian's packages"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  mkdir -p /tmp/junction-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp/junction-redis
  for _ in $(seq 1 30); do port_open 6379 && break; sleep 1; done
fi
port_open 6379 && echo "ensure-services: Redis ready" || { echo "ensure-services: Redis unavailable"; exit 1; }
