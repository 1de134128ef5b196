#!/usr/bin/env bash
# A small end-to-end run of every scenario against a throw-away service, asserting only
# correctness (every session connected and held, nothing lost or duplicated), not speed.
# Starts the service jar on a free port with the benchmark enabled and an embedded database
# in a temporary directory, and always stops it. Builds the jars if they are missing.
# Usage: bench/smoke.sh        (reports and the service log go to a temporary directory)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-env.sh
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true

service_jar=service/target/orderpulse.jar
bench_jar=bench/target/orderpulse-bench.jar
if [ ! -f "$service_jar" ] || [ ! -f "$bench_jar" ]; then
	./mvnw -q -DskipTests package
fi

free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
}

out=$(mktemp -d -t orderpulse-smoke.XXXXXX)
port=$(free_port)
base="http://127.0.0.1:$port"
echo "smoke: service on port $port, reports and log in $out"

# profile demo: the benchmark logs in as the demo admin
java -Xmx1g -jar "$service_jar" --spring.profiles.active=demo --orderpulse.bench.enabled=true --server.port="$port" \
	--orderpulse.database.embedded.data-dir= >"$out/service.log" 2>&1 &
service_pid=$!

stop_service() {
	if kill -0 "$service_pid" 2>/dev/null; then
		kill "$service_pid" 2>/dev/null || true
		for _ in $(seq 1 60); do
			kill -0 "$service_pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$service_pid" 2>/dev/null || true
	fi
	wait "$service_pid" 2>/dev/null || true
}
trap stop_service EXIT

for i in $(seq 1 120); do
	if curl -sf "$base/actuator/health" >/dev/null 2>&1; then
		break
	fi
	if ! kill -0 "$service_pid" 2>/dev/null; then
		echo "smoke: the service exited; its log:" >&2
		tail -50 "$out/service.log" >&2
		exit 1
	fi
	if [ "$i" = 120 ]; then
		echo "smoke: the service was not healthy within 120 s" >&2
		exit 1
	fi
	sleep 1
done

bench() {
	java -Xmx512m -jar "$bench_jar" "$@" --base-url "$base" --server-pid "$service_pid" --report-dir "$out" \
		>>"$out/bench.log" 2>&1 || {
		echo "smoke: '$1' failed; the end of its output:" >&2
		tail -40 "$out/bench.log" >&2
		exit 1
	}
}

check() {
	local report
	report=$(ls -t "$out"/"$1"-*.json | head -1)
	grep -q '"ok" : true' "$report" || { echo "smoke: $1 not ok: $report" >&2; cat "$report" >&2; exit 1; }
	if grep -Eq '"(lost|duplicated|failed|dropped|sessionsDropped)" : [1-9]' "$report"; then
		echo "smoke: $1 lost, duplicated or dropped something: $report" >&2
		cat "$report" >&2
		exit 1
	fi
	echo "smoke: $1 ok ($report)"
}

bench connect --sessions 200 --hold 2
check connect
bench targeted --sessions 200 --rate 500 --duration 3
check targeted
bench broadcast --sessions 200 --count 3
check broadcast
bench orders --sessions 50 --rate 50 --duration 2
check orders
bench flashsale --sessions 200 --stock 20 --clicks 2
check flashsale
bench recovery --sessions 100 --rate 200 --duration 3 --drop-fraction 0.2 --pause-ms 200
check recovery
java -jar "$bench_jar" charts --report-dir "$out" >>"$out/bench.log" 2>&1
[ -s "$out/latency-vs-rate.png" ] && [ -s "$out/memory-per-session.png" ] || {
	echo "smoke: charts were not drawn" >&2
	exit 1
}
echo "smoke: charts ok"
echo "smoke: 7 passed, 0 failed"
