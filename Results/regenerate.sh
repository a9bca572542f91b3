#!/usr/bin/env bash
# Regenerates the published results of every bundled scenario (release build, seed 1,
# 200 replications).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product swabplan >/dev/null
for s in panjiayuan-nanli xitang-courtyards yuandayuan; do
  .build/release/swabplan simulate "Scenarios/$s.yaml" --out "Results/$s" > "Results/$s/summary.txt" 2>/dev/null
  echo "Results/$s"
done
