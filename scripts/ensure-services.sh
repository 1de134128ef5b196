#!/usr/bin/env bash
# Makes sure what the test suite talks to is up on this machine: PostgreSQL (5432), Redis (6379)
# and RabbitMQ (5672) on 127.0.0.1, and Chromium for the browser tests. A service that is not
# reachable is started; one that is not installed is installed with apt (as root) first.
set -euo pipefail

log() { echo "[ensure-services] $*"; }

reachable() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
	local name=$1 port=$2 i
	for i in $(seq 1 90); do
		reachable "$port" && { log "$name is up on 127.0.0.1:$port"; return 0; }
		sleep 1
	done
	log "$name did not come up on 127.0.0.1:$port"
	return 1
}

apt_updated=""
apt_install() {
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
		log "cannot install $* here: install it, or run this script as root on a Debian-like system"
		return 1
	fi
	if [ -z "$apt_updated" ]; then
		apt-get update -qq
		apt_updated=1
	fi
	log "installing $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
	reachable 5432 && return 0
	command -v pg_ctlcluster >/dev/null || apt_install postgresql
	local version
	version=$(ls /etc/postgresql | sort -V | tail -1)
	# the tests connect as postgres without a password over TCP, as on the development machines
	local hba="/etc/postgresql/$version/main/pg_hba.conf"
	if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
		sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
	fi
	pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
	wait_for PostgreSQL 5432
}

ensure_redis() {
	reachable 6379 && return 0
	command -v redis-server >/dev/null || apt_install redis-server
	mkdir -p /var/lib/redis /var/log/redis
	redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
		--dir /var/lib/redis --logfile /var/log/redis/ci.log
	wait_for Redis 6379
}

ensure_rabbitmq() {
	reachable 5672 && return 0
	command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
	rabbitmq-server -detached
	wait_for RabbitMQ 5672
}

ensure_chromium() {
	[ -x "${ORDERPULSE_CHROMIUM:-/usr/bin/chromium}" ] && return 0
	apt_install chromium
}

ensure_postgres
ensure_redis
ensure_rabbitmq
ensure_chromium
