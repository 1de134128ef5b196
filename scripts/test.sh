#!/usr/bin/env bash
# Runs the whole test suite, every test once: the fast tier (`./mvnw test`: unit, slice and
# module tests), then the full tier (full-stack on embedded and external engines, cluster, Kafka,
# failure and browser tests; see CONTRIBUTING.md), then a smoke run of every benchmark scenario
# against the built jar (correctness only). Starts or installs the services the tests need
# first. Extra arguments go to Maven (e.g. -Dtest=GroupTests runs that class, whatever its
# tier); with arguments the benchmark smoke is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
scripts/ensure-services.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
./mvnw -B -ntp verify "$@"
if [ $# -eq 0 ]; then
	bench/smoke.sh
fi
