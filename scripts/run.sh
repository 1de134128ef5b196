#!/usr/bin/env bash
# Runs OrderPulse on the embedded default: embedded PostgreSQL (data under ./data) and demo data,
# at http://localhost:8080. Extra arguments go to the application (e.g. --server.port=9090).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -pl service -am package
exec "$JAVA_HOME/bin/java" -jar service/target/orderpulse.jar "$@"
