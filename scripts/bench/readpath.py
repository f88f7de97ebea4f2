"""Issue 18's read-path and memory figures at several store sizes (bench.py --sizes).

For each size and each server, on a fresh process:
  - ingest the alerts (loadgen.py, 8 labels + 2 annotations), server CPU seconds per 100k,
    RSS at rest afterwards and bytes per alert ((RSS - idle RSS) / alerts);
  - GET /api/v2/alerts?filter=alertname="LoadAlert007" (1% of the alerts), median;
  - one full GET /api/v2/alerts: time and how far it raises the RSS high-water mark
    (VmHWM reset through /proc/<pid>/clear_refs just before), then a second one's increase
    (the first also records a status for every alert not yet processed: Alertmanager in a
    marker entry that stays, tocsin in the alert's table slot);
  - ingest request p99 idle, then during concurrent full GETs (a thread GETs in a loop);
  - with `wrk` installed: native-load-generator throughput (post_alerts.lua, 5 s).
Nothing here asserts a timing.
"""
import os
import re
import shutil
import statistics
import subprocess
import threading
import time

import scenarios
from loadgen import Client, push, request_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
FILTER = "?filter=alertname%3D%22LoadAlert007%22"


def reset_hwm(pid):
    """Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0)."""
    try:
        with open("/proc/%d/clear_refs" % pid, "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def ingest_p99(url, n, tag, during_get=None, timeout=600):
    """p99 (ms) of pushing n alerts; with during_get, while a thread GETs every alert in a loop."""
    stop, gets = threading.Event(), []

    def getter():
        c = Client(url, timeout=timeout)
        try:
            while not stop.is_set():
                st, body, lat = c.request(request_bytes("GET", url.rstrip("/") + "/api/v2/alerts"))
                gets.append(lat)
        finally:
            c.close()

    t = None
    if during_get:
        t = threading.Thread(target=getter, daemon=True)
        t.start()
        time.sleep(0.2)  # the first GET is under way
    r = push(url, n, batch=64, concurrency=1, max_seconds=300, tag=tag, ends_in=3600)
    stop.set()
    if t:
        t.join(timeout)
    return {"p50_ms": r["latency_ms"]["p50"], "p99_ms": r["latency_ms"]["p99"], "gets_done": len(gets)}


def wrk_throughput(url, n, seconds=5):
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "-t1", "-c4", "-d%ds" % seconds, "--latency", "-s",
                          os.path.join(HERE, "post_alerts.lua"), url, "--", str(n)],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {"alerts_per_s": round(float(m.group(1)) * 64) if m else None,
            "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 2) if p99 else None}


def run(node, n, repeats, timeout, wrk=True):
    url, pid = node.url, node.pid
    out = {"alerts": n}
    idle = scenarios.mem_mib(pid)[0]
    out["rss_idle_mib"] = idle
    ing = scenarios.ingest(url, pid, n, 64, 2, 1800, "")
    out["ingest"] = ing
    out["cpu_s_per_100k"] = round(ing["server_cpu_s"] * 100000 / max(1, ing["accepted"]), 3)
    rest = scenarios.mem_mib(pid)[0]
    out["rss_rest_mib"] = rest
    out["bytes_per_alert"] = round((rest - idle) * 1048576 / max(1, ing["accepted"]))
    f = scenarios.get_alerts(url, repeats, timeout, FILTER)
    out["filter_ms"], out["filter_items"] = f["median_ms"], f["items"]
    before = scenarios.mem_mib(pid)[0]
    reset_hwm(pid)
    full = scenarios.get_alerts(url, 1, timeout)
    out["full_ms"], out["full_items"], out["full_mb"] = full["median_ms"], full["items"], round(full["bytes"] / 1e6, 1)
    out["get_hwm_increase_mib"] = round(scenarios.mem_mib(pid)[1] - before, 1)
    # A second full GET: the first one also records a status for every alert the pipeline
    # has not processed yet (Alertmanager in a marker entry, which stays; tocsin in the
    # alert's slot, at no cost in bytes); this one shows the listing's own high-water cost.
    before = scenarios.mem_mib(pid)[0]
    reset_hwm(pid)
    scenarios.get_alerts(url, 1, timeout)
    out["get2_hwm_increase_mib"] = round(scenarios.mem_mib(pid)[1] - before, 1)
    m = max(2000, min(20000, n // 10))
    out["ingest_idle"] = ingest_p99(url, m, "idle-")
    out["ingest_during_get"] = ingest_p99(url, m, "busy-", during_get=True, timeout=timeout)
    out["wrk"] = wrk_throughput(url, n) if wrk else None
    out["load"] = "%.1f" % os.getloadavg()[0]
    return out


def _g(d, *path):
    for k in path:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


# (label, path, unit, higher is better)
ROWS = [
    ("ingest (loadgen.py, 2 connections), alerts/s", ("ingest", "alerts_per_s"), "", True),
    ("server CPU s per 100k alerts ingested", ("cpu_s_per_100k",), " s", False),
    ("ingest with wrk (native), alerts/s", ("wrk", "alerts_per_s"), "", True),
    ("RSS at rest after ingest", ("rss_rest_mib",), " MiB", False),
    ("bytes per alert ((RSS − idle) / alerts)", ("bytes_per_alert",), " B", False),
    ("GET filter= 1% of the alerts (median)", ("filter_ms",), " ms", False),
    ("GET all alerts", ("full_ms",), " ms", False),
    ("RSS high-water increase during the full GET", ("get_hwm_increase_mib",), " MiB", False),
    ("RSS high-water increase during a second full GET", ("get2_hwm_increase_mib",), " MiB", False),
    ("ingest p99, idle", ("ingest_idle", "p99_ms"), " ms", False),
    ("ingest p99, during full GETs", ("ingest_during_get", "p99_ms"), " ms", False),
    ("load average (1 min) after the run", ("load",), "", None),
]


def _fmt(v, unit):
    if v is None:
        return "–"
    if isinstance(v, float) and v >= 100:
        v = round(v)
    return "%s%s" % (v, unit)


def _num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def markdown(results, sizes):
    """results[size][server] -> figures. One row per figure and size, tocsin vs Alertmanager
    with the ratio (tocsin's advantage), and the growth from the previous size."""
    lines = ["| measurement | alerts | tocsin | Alertmanager 0.25 | ratio | tocsin growth | AM growth |",
             "|---|---|---|---|---|---|---|"]
    for label, path, unit, hib in ROWS:
        prev = {}
        for n in sizes:
            t, a = _g(results.get(n, {}).get("tocsin"), *path), _g(results.get(n, {}).get("alertmanager"), *path)
            tv, av = _num(t), _num(a)
            ratio = "–"
            if hib is not None and tv and av:
                ratio = "%.1f×" % (tv / av if hib else av / tv)
            growth = []
            for name, v in (("tocsin", tv), ("alertmanager", av)):
                p = prev.get(name)
                growth.append("%.1f×" % (v / p) if (v and p) else "–")
                prev[name] = v
            lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                label, "{:,}".format(n), _fmt(t, unit), _fmt(a, unit), ratio, growth[0], growth[1]))
    checks = []
    for n in sizes:
        for name, r in results.get(n, {}).items():
            checks.append("%s at %s: listed %s (%s MB), filter listed %s; ingest errors %s; full GETs during the "
                          "concurrent ingest: %s" % (name, "{:,}".format(n), r.get("full_items"), r.get("full_mb"),
                                                      r.get("filter_items"), _g(r, "ingest", "errors") or "none",
                                                      _g(r, "ingest_during_get", "gets_done")))
    return "\n".join(lines + [""] + ["- " + c for c in checks])


BEGIN, END = "<!-- readpath:begin -->", "<!-- readpath:end -->"


def write_doc(path, table, meta):
    """Replaces the read-path section of `path` (between its markers), keeping the rest."""
    with open(path) as f:
        old = f.read()
    new = "\n".join([BEGIN, "", "### Latest read-path run", "",
                     "- date: %s (run took %s s)" % (meta["date"], meta["duration_s"]),
                     "- machine: %s; load average at the end: %s" % (meta["machine"], meta["load"]),
                     "- commit: %s" % (meta["commit"] or "unknown"),
                     "- command: `%s`" % meta["command"], "", table, "", END])
    i, j = old.find(BEGIN), old.find(END)
    text = old[:i] + new + old[j + len(END):] if 0 <= i < j else old.rstrip("\n") + "\n\n" + new + "\n"
    with open(path, "w") as f:
        f.write(text)
    print("wrote %s" % path)
