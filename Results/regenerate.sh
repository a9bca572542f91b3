#!/usr/bin/env bash
# Regenerates the published results of every bundled scenario: what `swabplan publish` writes
# (report.html, schedule.csv, rosters.csv, courier-runs.csv, notices/, summary.json, sites.csv)
# and the terminal table (summary.txt). Release build, seed 1, 200 replications. Then each
# scenario optimised with a budget of 2 million surrogate evaluations (so the plan is the same on
# any machine and thread count): optimised-plan.yaml and the optimiser's report, optimise.txt
# (without wall-clock times, so that every file here is the same on every run).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product swabplan >/dev/null
for s in panjiayuan-nanli xitang-courtyards yuandayuan; do
  .build/release/swabplan publish "Scenarios/$s.yaml" --out "Results/$s" --force >/dev/null
  .build/release/swabplan simulate "Scenarios/$s.yaml" > "Results/$s/summary.txt" 2>/dev/null
  .build/release/swabplan optimize "Scenarios/$s.yaml" --evaluations 2000000 --no-timings --out "Results/$s/optimised-plan.yaml" > "Results/$s/optimise.txt" 2>/dev/null
  echo "Results/$s"
done
