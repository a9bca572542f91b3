"""The workbench's speed, as a planner meets it (issue 27, item 12), against a running server.

Usage: speed.py BASE_URL SERVER_PID. Prints, each as the median of several tries:
- the first page's answer time (the very first request, then the median of ten);
- Panjiayuan's 200-replication simulation: from the click (the POST) to its result page, charts
  and all, answered;
- the longest gap between progress events of a 20-second optimisation;
- the server's resident memory when idle (VmRSS), after starting and after the runs.
Nothing here is a test: it measures (`Tests/Browser/speed.sh` starts the release server).
"""
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, pid = sys.argv[1], int(sys.argv[2])
origin = {"Origin": base}


def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


def get(path):
    started = time.perf_counter()
    with urllib.request.urlopen(base + path) as r:
        body = r.read()
    return time.perf_counter() - started, body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def post(path, fields):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    req = urllib.request.Request(base + path, data=data, headers=origin, method="POST")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(req)
    except urllib.error.HTTPError as e:
        return e.headers["Location"]


idle_start = rss_mb()
first, _ = get("/")
pages = [get("/")[0] for _ in range(10)]
print(f"first page: first request {first * 1000:.0f} ms, median of 10 {statistics.median(pages) * 1000:.1f} ms")

runs = []
for seed in (1, 2, 3):
    started = time.perf_counter()
    loc = post("/run", {"f": "panjiayuan-nanli.yaml", "kind": "simulate", "replications": 200, "seed": seed, "plan": "scenario"})
    run_id = loc.split("id=")[1]
    # Follow the run's events to its end, as the page does, then fetch the result page.
    with urllib.request.urlopen(base + "/events?id=" + run_id) as r:
        for line in r:
            if line.startswith(b"data:") and json.loads(line[5:])["finished"]:
                break
    _, page = get(loc)
    assert b"report.html" in page
    runs.append(time.perf_counter() - started)
print(f"Panjiayuan 200 replications, click to result page: median of 3 {statistics.median(runs):.2f} s ({', '.join(f'{x:.2f}' for x in runs)})")

loc = post("/run", {"f": "panjiayuan-nanli.yaml", "kind": "optimize", "time_limit": 20, "objective": "scenario", "seed": 1})
run_id = loc.split("id=")[1]
times = []
with urllib.request.urlopen(base + "/events?id=" + run_id) as r:
    for line in r:
        if line.startswith(b"data:"):
            times.append(time.perf_counter())
            if json.loads(line[5:])["finished"]:
                break
gaps = [b - a for a, b in zip(times, times[1:])]
print(f"progress: {len(times)} events over {times[-1] - times[0]:.1f} s, longest gap {max(gaps):.2f} s")
time.sleep(2)
print(f"idle memory: {idle_start:.0f} MB after start, {rss_mb():.0f} MB after the runs")
