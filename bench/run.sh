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
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$jar" "$@"
