#!/usr/bin/env bash
# A local 3-node cluster: OrderPulse in profile cluster on ports 8081-8083 against the local
# PostgreSQL (database orderpulse_cluster) and Redis, behind nginx on port 8080 (configured for
# WebSocket upgrades). State, logs and generated secrets live under ./data/cluster.
#
#   scripts/cluster.sh [start]   build the jar, start the nodes and nginx (the first start
#                                creates the bootstrap admin 'admin' and prints its password)
#   scripts/cluster.sh stop      stop nginx and the nodes
#   scripts/cluster.sh status    each node's health
#
# Environment: ORDERPULSE_NODES (3), ORDERPULSE_LB_PORT (8080), DATABASE_URL, REDIS_URL,
# ORDERPULSE_JWT_SECRET and ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD (generated and kept under
# ./data/cluster when unset), SKIP_BUILD=1 to start the jar as built, ORDERPULSE_JAVA_OPTS
# (JVM options of each node) and ORDERPULSE_NODE_ARGS (extra application arguments of each
# node, e.g. "--orderpulse.bench.enabled=true --orderpulse.bench.allow-in-cluster=true").
# Each node may hold as many sockets as the open-files hard limit allows (raised to it here).
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${ORDERPULSE_NODES:-3}
LB_PORT=${ORDERPULSE_LB_PORT:-8080}
DIR=$PWD/data/cluster
DATABASE=orderpulse_cluster

log() { echo "[cluster] $*"; }

reachable() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port_of() { echo $((8080 + $1)); }

# a secret generated once and kept, so restarts accept earlier tokens and keep the admin password
secret() {
	local file="$DIR/$1"
	[ -s "$file" ] || { head -c 36 /dev/urandom | base64 | tr -d '/+=' >"$file"; chmod 600 "$file"; }
	cat "$file"
}

ensure_nginx() {
	command -v nginx >/dev/null && return 0
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
		log "nginx is missing: install it (Debian: apt-get install nginx), or run this script as root"
		exit 1
	fi
	log "installing nginx"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
	# only the cluster's own nginx (started below with its own configuration) should run
	if [ -f /run/nginx.pid ]; then nginx -s quit 2>/dev/null || true; fi
}

write_nginx_conf() {
	local servers="" i
	for i in $(seq 1 "$NODES"); do
		servers+="        server 127.0.0.1:$(port_of "$i") max_fails=1 fail_timeout=5s;"$'\n'
	done
	cat >"$DIR/nginx.conf" <<CONF
worker_processes 1;
# every WebSocket holds two connections (client and node): room for tens of thousands
worker_rlimit_nofile 200000;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 65536; }
http {
    access_log off;
    client_body_temp_path $DIR/nginx-tmp;
    proxy_temp_path $DIR/nginx-tmp;
    # WebSocket: pass the upgrade through, keep plain requests on keep-alive connections
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }
    upstream orderpulse {
        least_conn;
$servers        keepalive 32;
    }
    server {
        listen $LB_PORT backlog=4096;   # nginx asks for 511 otherwise: a reconnect storm would lose SYNs
        location / {
            proxy_pass http://orderpulse;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Port $LB_PORT;
            # sockets live long; STOMP heart-beats (10 s) keep them busy well within this
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
CONF
}

wait_healthy() {
	local port=$1 i
	for i in $(seq 1 120); do
		curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
		sleep 1
	done
	log "node on port $port did not become ready: see $DIR/node-$((port - 8080)).log"
	return 1
}

start_node() {
	local n=$1 port
	port=$(port_of "$n")
	if [ -f "$DIR/node-$n.pid" ] && kill -0 "$(cat "$DIR/node-$n.pid")" 2>/dev/null; then
		log "node $n is running already (port $port)"
		return 0
	fi
	reachable "$port" && { log "port $port is taken"; exit 1; }
	DATABASE_URL=${DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/$DATABASE} \
		REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} \
		ORDERPULSE_JWT_SECRET=${ORDERPULSE_JWT_SECRET:-$(secret jwt-secret)} \
		ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME=${ORDERPULSE_BOOTSTRAP_ADMIN_USERNAME:-admin} \
		ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD=${ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD:-$(secret admin-password)} \
		nohup "$JAVA_HOME/bin/java" ${ORDERPULSE_JAVA_OPTS:-} -jar service/target/orderpulse.jar --spring.profiles.active=cluster \
		--server.port="$port" --orderpulse.cluster.node-id="node-$n" --orderpulse.cluster.key-prefix="orderpulse-local:" \
		--server.forward-headers-strategy=native ${ORDERPULSE_NODE_ARGS:-} >"$DIR/node-$n.log" 2>&1 &
	echo $! >"$DIR/node-$n.pid"
	log "node $n starting on port $port (pid $!, log $DIR/node-$n.log)"
}

start() {
	mkdir -p "$DIR/nginx-tmp"
	. scripts/java-env.sh
	ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || log "could not raise the open-files limit to $(ulimit -Hn)"
	if ! reachable 5432 || ! reachable 6379; then scripts/ensure-services.sh; fi
	ensure_nginx
	if [ -z "${DATABASE_URL:-}" ] && ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$DATABASE'" | grep -q 1; then
		psql -h 127.0.0.1 -U postgres -qc "create database $DATABASE"
		log "created database $DATABASE"
	fi
	if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f service/target/orderpulse.jar ]; then
		./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -pl service -am package
	fi
	# the first node migrates the database and creates the admin; the others follow
	start_node 1
	wait_healthy "$(port_of 1)"
	for n in $(seq 2 "$NODES"); do start_node "$n"; done
	for n in $(seq 2 "$NODES"); do wait_healthy "$(port_of "$n")"; done
	write_nginx_conf
	if [ -f "$DIR/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx.pid")" 2>/dev/null; then
		nginx -p "$DIR" -c "$DIR/nginx.conf" -s reload
	else
		nginx -p "$DIR" -c "$DIR/nginx.conf"
	fi
	log "$NODES nodes behind nginx on http://localhost:$LB_PORT (WebSocket ws://localhost:$LB_PORT/ws)"
	if [ -z "${ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD:-}" ]; then
		log "admin login: admin / $(secret admin-password) (kept in $DIR/admin-password)"
	fi
}

stop() {
	if [ -f "$DIR/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx.pid")" 2>/dev/null; then
		nginx -p "$DIR" -c "$DIR/nginx.conf" -s quit && log "nginx stopped"
	fi
	local pidfile pid
	for pidfile in "$DIR"/node-*.pid; do
		[ -f "$pidfile" ] || continue
		pid=$(cat "$pidfile")
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid"
			# graceful shutdown: sessions are closed, presence entries removed
			for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
			log "$(basename "$pidfile" .pid) stopped"
		fi
		rm -f "$pidfile"
	done
}

status() {
	local n port
	for n in $(seq 1 "$NODES"); do
		port=$(port_of "$n")
		echo "node $n (port $port): $(curl -s "http://127.0.0.1:$port/actuator/health" || echo down)"
	done
	echo "nginx (port $LB_PORT): $(curl -s "http://127.0.0.1:$LB_PORT/actuator/health" || echo down)"
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
status) status ;;
*)
	echo "usage: $0 [start|stop|status]" >&2
	exit 2
	;;
esac
