#!/usr/bin/env bash
# Regenerates the published results of every bundled scenario: what `swabplan publish` writes
# (report.html, schedule.csv, rosters.csv, courier-runs.csv, notices/, summary.json, sites.csv)
# and the terminal table (summary.txt). Release build, seed 1, 200 replications.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product swabplan >/dev/null
for s in panjiayuan-nanli xitang-courtyards yuandayuan; do
  .build/release/swabplan publish "Scenarios/$s.yaml" --out "Results/$s" --force >/dev/null
  .build/release/swabplan simulate "Scenarios/$s.yaml" > "Results/$s/summary.txt" 2>/dev/null
  echo "Results/$s"
done
