#!/usr/bin/env bash
# Private PostgreSQL + Redis for n8n queue mode, kept under the git-ignored .cache/ of the project.
# Usage:
#   bash scripts/start-queue-services.sh [start]        install if missing, start both (idempotent), print env
#   bash scripts/start-queue-services.sh create-db NAME start, then create database NAME (owner n8n) if absent
#   bash scripts/start-queue-services.sh drop-db NAME   drop database NAME (if PostgreSQL runs)
#   bash scripts/start-queue-services.sh stop           stop both
#   bash scripts/start-queue-services.sh status         exit 0 when both answer
# Ports: P2C_PG_PORT (default 55432), P2C_REDIS_PORT (default 56379).
# Printed on success (KEY=value lines): P2C_PG_HOST, P2C_PG_PORT, P2C_PG_USER, P2C_PG_PASSWORD, P2C_REDIS_HOST, P2C_REDIS_PORT.
set -euo pipefail

# shellcheck source=scripts/n8n-env.sh
. "$(dirname "$0")/n8n-env.sh"

PG_PORT="${P2C_PG_PORT:-55432}"
REDIS_PORT="${P2C_REDIS_PORT:-56379}"
PG_USER="n8n"
PG_PASSWORD="n8n"
PG_ROOT="$P2C_CACHE_DIR/pg"
PG_DATA="$PG_ROOT/data"
PG_SOCKET_DIR="$PG_ROOT/run"
REDIS_DIR="$P2C_CACHE_DIR/redis"

log() { printf '[queue-services %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() {
	printf '[queue-services] FAILED: %s\n' "$*" >&2
	exit 1
}

pg_bin_dir() {
	# Newest installed PostgreSQL server (Debian puts each major under /usr/lib/postgresql/<major>/bin).
	local d
	d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
	[ -n "$d" ] && [ -x "$d/initdb" ] && printf '%s\n' "$d"
}

# Runs a PostgreSQL command as the postgres user when we are root (the server refuses to run as root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

ensure_packages() {
	local missing=()
	[ -n "$(pg_bin_dir)" ] || missing+=(postgresql)
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing Debian packages: ${missing[*]}"
	[ "$(id -u)" = 0 ] || fail "need root to apt-get install ${missing[*]}"
	# apt-get update once per machine (its lists are needed before the first install).
	if [ ! -f "$P2C_CACHE_DIR/.apt-updated" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
		touch "$P2C_CACHE_DIR/.apt-updated"
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
	[ -n "$(pg_bin_dir)" ] || fail "PostgreSQL server binaries still missing after apt-get install"
	command -v redis-server >/dev/null 2>&1 || fail "redis-server still missing after apt-get install"
}

pg_running() { [ -n "$(pg_bin_dir)" ] && "$(pg_bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }
redis_running() { command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

psql_admin() { "$(pg_bin_dir)/psql" -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }

start_pg() {
	local bin
	bin="$(pg_bin_dir)"
	mkdir -p "$PG_ROOT"
	if [ "$(id -u)" = 0 ]; then
		chown postgres:postgres "$PG_ROOT"
		# The postgres user must be able to reach the data directory under the project.
		chmod o+x "$P2C_CACHE_DIR"
	fi
	if [ ! -f "$PG_DATA/PG_VERSION" ]; then
		log "initdb of a private cluster in $PG_DATA"
		# trust auth on 127.0.0.1 only: a throwaway test cluster, never reachable from outside.
		as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_ROOT/initdb.log" 2>&1 ||
			{ tail -n 20 "$PG_ROOT/initdb.log" >&2; fail "initdb failed"; }
	fi
	if pg_running; then
		log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
	else
		as_pg mkdir -p "$PG_SOCKET_DIR"
		log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
		as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_ROOT/server.log" -w -t 60 \
			-o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_SOCKET_DIR -c max_connections=200 -c fsync=off" \
			start >/dev/null || { tail -n 20 "$PG_ROOT/server.log" >&2; fail "PostgreSQL did not start"; }
	fi
	# The n8n role (idempotent).
	if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
		psql_admin -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
	fi
}

start_redis() {
	mkdir -p "$REDIS_DIR"
	if redis_running; then
		log "Redis already running on 127.0.0.1:$REDIS_PORT"
		return 0
	fi
	log "starting Redis on 127.0.0.1:$REDIS_PORT"
	# No persistence: queue state of test runs need not survive a Redis restart.
	redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$REDIS_DIR" \
		--pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --save "" --appendonly no
	for _ in $(seq 1 50); do
		redis_running && return 0
		sleep 0.2
	done
	tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
	fail "Redis did not answer PING on port $REDIS_PORT"
}

print_env() {
	printf 'P2C_PG_HOST=127.0.0.1\nP2C_PG_PORT=%s\nP2C_PG_USER=%s\nP2C_PG_PASSWORD=%s\nP2C_REDIS_HOST=127.0.0.1\nP2C_REDIS_PORT=%s\n' \
		"$PG_PORT" "$PG_USER" "$PG_PASSWORD" "$REDIS_PORT"
}

start_all() {
	mkdir -p "$P2C_CACHE_DIR"
	# One starter at a time (parallel test files may all call this).
	exec 8>"$P2C_CACHE_DIR/queue-services.lock"
	flock 8
	ensure_packages
	start_pg
	start_redis
	flock -u 8
}

stop_all() {
	if command -v redis-cli >/dev/null 2>&1 && redis_running; then
		log "stopping Redis on port $REDIS_PORT"
		redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
	fi
	if [ -f "$PG_DATA/postmaster.pid" ] && [ -n "$(pg_bin_dir)" ]; then
		log "stopping PostgreSQL in $PG_DATA"
		as_pg "$(pg_bin_dir)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
	fi
}

case "${1:-start}" in
start)
	start_all
	print_env
	;;
create-db)
	name="${2:-}"
	# Database names are interpolated into SQL: allow only simple identifiers.
	[[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "create-db needs a lower-case identifier, got '$name'"
	start_all
	if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$name'")" != "1" ]; then
		psql_admin -c "CREATE DATABASE $name OWNER $PG_USER"
		log "created database $name"
	fi
	print_env
	;;
drop-db)
	name="${2:-}"
	[[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "drop-db needs a lower-case identifier, got '$name'"
	if pg_running; then
		psql_admin -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
		log "dropped database $name"
	fi
	;;
stop) stop_all ;;
status)
	pg_running && redis_running
	;;
*)
	echo "usage: $0 [start|create-db NAME|drop-db NAME|stop|status]" >&2
	exit 2
	;;
esac
