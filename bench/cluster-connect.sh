#!/usr/bin/env bash
# Holds sessions across the nodes of the local cluster (scripts/cluster.sh): one load-tool
# process per node (a process holds at most about 19,900 sockets under the 20,000 open-files
# hard limit, and so does a node, so a larger count needs several of each; nginx is bypassed
# for the same reason: it would hold two sockets per session in one process).
#
#   ORDERPULSE_NODE_ARGS="--orderpulse.bench.enabled=true --orderpulse.bench.allow-in-cluster=true" \
#     scripts/cluster.sh start
#   bench/cluster-connect.sh [sessions in all, default 50000] [hold seconds, default 90]
#
# BENCH_CONNECT_ARGS adds options to every process (e.g. "--connect-rate 80" to pace the
# connects so that three nodes, three tools and the databases share 2 cores without
# CONNECT frames waiting past the nodes' connect timeout).
# Every process connects its share, then holds it; while they hold, the script sums the
# nodes' open sessions (gauge orderpulse.realtime.sessions) every 5 s and prints the highest
# sum seen. Reports go to reports/cluster-connect-<time>/node-<n>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
total=${1:-50000}
hold=${2:-90}
nodes=${ORDERPULSE_NODES:-3}
dir=$root/data/cluster
password=${ORDERPULSE_BOOTSTRAP_ADMIN_PASSWORD:-$(cat "$dir/admin-password")}
out=reports/cluster-connect-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
per=$(((total + nodes - 1) / nodes))

token=$(curl -fsS -H 'Content-Type: application/json' \
	-d "{\"username\":\"admin\",\"password\":\"$password\"}" http://127.0.0.1:8081/api/v1/auth/login |
	sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
sessions_on() {
	curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$((8080 + $1))/actuator/metrics/orderpulse.realtime.sessions" |
		sed -E 's/.*"value":([0-9.E]+).*/\1/' | awk '{printf "%d", $1}'
}

pids=()
for n in $(seq 1 "$nodes"); do
	mkdir -p "$out/node-$n"
	bench/run.sh connect --base-url "http://127.0.0.1:$((8080 + n))" --password "$password" \
		--sessions "$per" --hold "$hold" --server-pid "$(cat "$dir/node-$n.pid")" \
		--report-dir "$out/node-$n" ${BENCH_CONNECT_ARGS:-} >"$out/node-$n/run.log" 2>&1 &
	pids+=($!)
	sleep 1 # distinct user prefixes (they carry the start time in milliseconds)
done

best=0
while kill -0 "${pids[0]}" 2>/dev/null || kill -0 "${pids[-1]}" 2>/dev/null; do
	sum=0
	for n in $(seq 1 "$nodes"); do sum=$((sum + $(sessions_on "$n" || echo 0))); done
	[ "$sum" -gt "$best" ] && best=$sum && echo "[cluster-connect] $(date -u +%T) sessions open on the $nodes nodes: $sum"
	sleep 5
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for n in $(seq 1 "$nodes"); do
	echo "--- node $n"
	grep -E '^\| (connect\.(connected|failed|sessionsPerSecond|latencyMillis\.p(50|99))|held|dropped|serverMemoryPerSession\.rssBytesPerSession) ' "$out"/node-"$n"/connect-*.md || true
done
echo "[cluster-connect] highest number of sessions open at once on the $nodes nodes: $best (reports in $out)"
exit $status
