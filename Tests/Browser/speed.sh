#!/usr/bin/env bash
# Measures the workbench's speed with the release build on a fresh copy of the bundled
# scenarios (Tests/Browser/speed.py says what). Run by hand: `Tests/Browser/speed.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product swabplan >/dev/null
workspace=$(mktemp -d)
cp Scenarios/panjiayuan-nanli.yaml Scenarios/panjiayuan-nanli-buildings.csv "$workspace/"
port=$((20000 + RANDOM % 20000))
.build/release/swabplan serve "$workspace" --port "$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$workspace"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/app.css" && break; sleep 0.05; done
python3 Tests/Browser/speed.py "http://127.0.0.1:$port" "$server"
