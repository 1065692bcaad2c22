#!/bin/sh
# Agent footprint benchmark: builds the shaded agent jar, launches it as a real process with the
# systemd unit's JVM options against an in-process relay, links it, and writes the
# "Agent footprint" section of docs/benchmarks.md. Usage: bench/agent-footprint.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
exec mvn -B -q -Pbench-agent -pl security-tests -am verify -DskipTests -Dbench.runs="${1:-5}"
