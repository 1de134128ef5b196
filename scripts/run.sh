#!/usr/bin/env bash
# Runs OrderPulse on the embedded default: embedded PostgreSQL (data under ./data) and demo data,
# at http://localhost:8080. Extra arguments go to the application (e.g. --server.port=9090).
# The demo (profile demo: users with the password 'password', the sandbox payment gateway) is
# this script's default; SPRING_PROFILES_ACTIVE=default runs the jar's safe default instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -pl service -am package
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-demo}
exec "$JAVA_HOME/bin/java" -jar service/target/orderpulse.jar "$@"
