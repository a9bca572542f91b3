#!/usr/bin/env bash
# Benchmarks, medians of several runs: SwabPlan's engine beside the plain C yardstick (run in
# turn, so both see the same machine load), then the community scenario and generated
# districts; last, the ratios to the C loop measured in this same run.
#   Benchmarks/run.sh            full (10 million customers, 2,000 replications)
#   Benchmarks/run.sh --quick    shorter
set -euo pipefail
cd "$(dirname "$0")/.."
customers=10000000; [ "${1:-}" = "--quick" ] && customers=1000000
swift build -c release --product swabplan-bench >/dev/null
cc -O2 -o /tmp/swabplan-mmc-reference Benchmarks/mmc-reference.c -lm
echo "plain C reference (M/M/10, $customers customers), 5 runs:"
c_line="$(for i in 1 2 3 4 5; do /tmp/swabplan-mmc-reference "$customers"; done | sort -n | sed -n 3p)"
echo "  median $c_line"
out="$(.build/release/swabplan-bench "$@")"
echo "$out"
# Ratios in this run: the engine's events per second over the C loop's, and the community
# round's replications per second per million C-loop events per second (machine speed cancels).
c_rate="$(echo "$c_line" | awk '{print $1}')"
echo "$out" | awk -v c="$c_rate" '
  /^engine/ { for (i = 1; i <= NF; i++) if ($i == "million") printf "ratio   engine / C loop: %.2f\n", $(i - 1) / c }
  /all logistics:/ { for (i = 1; i <= NF; i++) if ($i == "replications/s") printf "ratio   community, all logistics: %.1f replications/s per million C-loop events/s\n", $(i - 1) / c }'
