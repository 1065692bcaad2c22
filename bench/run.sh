#!/bin/sh
# PrinterLink benchmarks: builds what they need (no tests), then runs one benchmark or all.
#   bench/run.sh [p1|p2|p3|p5|jmh|all] [key=value ...]      (options: bench/run.sh --help)
# Figures are printed and written to bench/target/bench-results.md; see docs/benchmarks.md.
set -eu
cd "$(dirname "$0")/.."
what="${1:-all}"
[ $# -gt 0 ] && shift
mvn -B -q -pl bench -am package -DskipTests
exec java -Xmx1g -cp bench/target/printerlink-bench.jar io.printerlink.bench.BenchMain $what "$@"
