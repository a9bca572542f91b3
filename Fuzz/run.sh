#!/usr/bin/env bash
# Fuzzes the scenario loader and a 2-replication simulation with libFuzzer.
#   Fuzz/run.sh              60 seconds (what CI runs), then replays every regression file
#   Fuzz/run.sh 1800         half an hour
# Crashers land in Fuzz/crashes/; copy each into Fuzz/regressions/ once fixed (CI replays them).
# SwiftPM keeps the main package's file list in Fuzz/.build: after adding a source file to the
# main package, delete Fuzz/.build (a fresh clone, as in CI, is unaffected).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
log="$(mktemp)"
if ! swift build -c release --product swabplan-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$log" 2>&1; then
  grep -E "error" "$log" || tail -40 "$log"
  exit 1
fi
tail -1 "$log"
bin="$(swift build -c release --product swabplan-fuzz --show-bin-path -Xswiftc -sanitize=fuzzer,address)/swabplan-fuzz"
export SWABPLAN_SCENARIOS="$PWD/../Scenarios"
# Swift's backtracer reads memory AddressSanitizer guards: let a trap print its message instead.
export SWIFT_BACKTRACE=enable=no
# Seeds: the malformed corpus, the valid base and the bundled scenarios.
mkdir -p corpus crashes
cp -n ../Tests/ScenarioTests/Malformed/*.yaml ../Scenarios/*.yaml ../Scenarios/small/*.yaml corpus/ 2>/dev/null || true
cp -n ../Tests/ScenarioTests/base-valid.yaml.txt corpus/base-valid.yaml 2>/dev/null || true
# Workbooks, and a worksheet's XML on its own (packed into a workbook by the target).
cp -n ../Tests/ScenarioTests/Workbooks/*.xlsx corpus/ 2>/dev/null || true
cp -n seeds/* corpus/ 2>/dev/null || true
echo "replaying $(ls regressions | wc -l) regression files"
"$bin" -runs=0 regressions/
echo "fuzzing for $seconds s"
"$bin" corpus/ -dict=yaml.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
  -artifact_prefix=crashes/ -print_final_stats=1 2>&1 | grep -E "^#[0-9]+ +(DONE|pulse)|stat::|ERROR|SUMMARY|Test unit written|crash|timeout" | tail -20
