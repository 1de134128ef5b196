#!/usr/bin/env bash
# Runs the load tool: bench/run.sh <scenario> [options]   (bench/run.sh --help lists them)
# Raises the open-files limit to the hard limit (every session is a socket), picks a JDK 21+,
# builds the tool's jar if it is missing or older than its sources, and runs it from the
# current directory (so --report-dir is relative to where you are).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/java-env.sh"

hard=$(ulimit -Hn)
ulimit -Sn "$hard" 2>/dev/null || echo "run.sh: could not raise the open-files limit to $hard" >&2

jar="$root/bench/target/orderpulse-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/bench/src" "$root/bench/pom.xml" -newer "$jar" -print -quit)" ]; then
	(cd "$root" && ./mvnw -q -pl bench -DskipTests package)
fi
# C1 only (-XX:TieredStopAtLevel=1): a run is too short for C2 to pay off, and on a machine the
# tool shares with the server C2's compiling took a quarter of the tool's CPU from the server
# (orders at 1,000/s: the tool 0.57 cores and p99 576 ms with C2, 0.34 cores and 102 ms without).
exec java ${BENCH_JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1} -jar "$jar" "$@"
