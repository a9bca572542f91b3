#!/usr/bin/env bash
# Benchmarks, medians of several runs: SwabPlan's engine beside the plain C yardstick (run in
# turn, so both see the same machine load), then the community scenario.
#   Benchmarks/run.sh            full (10 million customers, 2,000 replications)
#   Benchmarks/run.sh --quick    shorter
set -euo pipefail
cd "$(dirname "$0")/.."
customers=10000000; [ "${1:-}" = "--quick" ] && customers=1000000
swift build -c release --product swabplan-bench >/dev/null
cc -O2 -o /tmp/swabplan-mmc-reference Benchmarks/mmc-reference.c -lm
echo "plain C reference (M/M/10, $customers customers), 5 runs:"
for i in 1 2 3 4 5; do /tmp/swabplan-mmc-reference "$customers"; done | sort -n | sed -n 3p | sed 's/^/  median /'
.build/release/swabplan-bench "$@"
