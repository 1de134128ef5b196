#!/usr/bin/env bash
# Runs the whole test suite: unit, full-stack (embedded and external PostgreSQL) and browser
# tests, then a smoke run of every benchmark scenario against the built jar (correctness only).
# Starts or installs the services the tests need first. Extra arguments go to Maven
# (e.g. -Dtest=GroupTests); with arguments the benchmark smoke is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
scripts/ensure-services.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
./mvnw -B -ntp verify "$@"
if [ $# -eq 0 ]; then
	bench/smoke.sh
fi
