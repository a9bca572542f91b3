#!/usr/bin/env bash
# End-to-end flows of the workbench in a real browser: Debian's chromium and chromium-driver,
# driven by Selenium from PyPI in a virtual environment (for these tests only; the tool needs no
# Python). Serves a fresh copy of the bundled scenarios with the debug build, runs
# Tests/Browser/flows.py, and leaves a screenshot of each flow in .build/browser-shots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! dpkg -s chromium chromium-driver fonts-noto-cjk python3-venv >/dev/null 2>&1; then
  apt-get update
  apt-get install -y chromium chromium-driver fonts-noto-cjk python3-venv
fi
venv=.build/browser-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet selenium
fi
swift build --product swabplan >/dev/null
workspace=$(mktemp -d)
shots=.build/browser-shots
rm -rf "$shots"; mkdir -p "$shots"
cp Scenarios/panjiayuan-nanli.yaml Scenarios/panjiayuan-nanli-buildings.csv "$workspace/"
port=$((20000 + RANDOM % 20000))
.build/debug/swabplan serve "$workspace" --port "$port" 2>"$shots/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$workspace"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
"$venv/bin/python" Tests/Browser/flows.py "http://127.0.0.1:$port" "$shots"
