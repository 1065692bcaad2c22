#!/bin/sh
# Agent footprint benchmark: builds the shaded agent jar, launches it as a real process with the
# systemd unit's JVM options against an in-process relay, links it, and writes the
# "Agent footprint" section of docs/benchmarks.md. Usage: bench/agent-footprint.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
case "${1:-5}" in
  ''|*[!0-9]*) echo "usage: bench/agent-footprint.sh [RUNS]   (RUNS: starts measured after the first, default 5)"
    [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ] && exit 0; exit 2 ;;
esac
exec mvn -B -q -Pbench-agent -pl security-tests -am verify -DskipTests -Dbench.runs="${1:-5}"
