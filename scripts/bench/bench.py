#!/usr/bin/env python3
"""Tocsin vs the real Alertmanager 0.25, side by side on the same load, in one run.

    scripts/bench/bench.py [--alerts 100000] [--silences 10000] [--repeats 3]
                           [--loaded-silences 10000] [--inhibit-rules 100]
                           [--only tocsin|alertmanager] [--write-doc docs/benchmarks.md]

For each server in turn (tocsin first, then prometheus-alertmanager), on one core-sharing
machine, over loopback, with scripts/bench/null.yml (no integrations):
  1. ingest: --alerts distinct alerts in 64-alert batches (loadgen.py), alerts/s,
     request p50/p99, server CPU seconds, VmRSS/VmHWM afterwards;
  2. GET /api/v2/alerts with every alert stored (median of --repeats), and with
     filter=alertname="LoadAlert007" (1% of the alerts);
  3. --silences silences created through POST /api/v2/silences (each matching one alert;
     every 10th uses an instance regex), then GET /api/v2/silences (median) and the
     silencer cost: GET /api/v2/alerts re-evaluating every silence for every alert, the
     first (cold: the silences changed) and the median of the following (cached) ones;
  4. issue 4's loaded ingest, on a fresh process: config with --inhibit-rules inhibition
     rules (severity=critical source -> severity=warning target, varied matchers and equal
     sets), --loaded-silences silences (mostly non-matching; equality on alertname/instance/
     team, some regex) created first, then the same --alerts ingest; alerts/s.
With --sizes 10000,100000,1000000 it instead runs issue 18's read-path and memory figures
(readpath.py) at each size, fresh processes, both servers per size, and prints one table
with ratios and a growth column (how each figure scales from one size to the next);
--write-doc then replaces the read-path section of the doc. --am-max-size skips
Alertmanager above that size.
Prints a markdown table with the ratios; --write-doc also writes it with the date, the
machine, the commit and the exact command. Figures only: nothing here asserts a timing.

Binaries: $TOCSIN_BIN (default .build-release/release/tocsin, then .build/release/tocsin)
and $AM_BIN (default prometheus-alertmanager). Every phase is bounded by --max-seconds, every
request by --timeout; servers are stopped by PID (SIGTERM, then SIGKILL).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
NULL_CONFIG = os.path.join(HERE, "null.yml")
sys.path.insert(0, HERE)

from node import Node  # noqa: E402
import readpath  # noqa: E402
import report  # noqa: E402
import scenarios  # noqa: E402


def tocsin_binary():
    env = os.environ.get("TOCSIN_BIN")
    if env:
        return env
    for p in (".build-release/release/tocsin", ".build/release/tocsin"):
        if os.path.exists(os.path.join(ROOT, p)):
            return os.path.join(ROOT, p)
    sys.exit("no release tocsin binary: run `swift build -c release --product tocsin "
             "--scratch-path .build-release` or set TOCSIN_BIN")


def run_server(name, binary, a, workdir):
    """Starts one node of `binary`, runs every scenario against it, stops it; returns figures."""
    node = Node(binary, NULL_CONFIG, os.path.join(workdir, name), log_level="warn")
    out = {"name": name, "binary": binary}
    print("== %s (%s)" % (name, binary), flush=True)
    node.start(ready_timeout=30)
    try:
        url, pid = node.url, node.pid
        out["rss_idle_mib"] = scenarios.mem_mib(pid)[0]
        out["ingest"] = scenarios.ingest(url, pid, a.alerts, a.batch, a.concurrency, a.max_seconds, a.tag)
        print("  ingest: %s" % out["ingest"], flush=True)
        out["get"] = scenarios.get_alerts(url, a.repeats, a.timeout)
        print("  GET alerts: %s" % out["get"], flush=True)
        q = "?filter=" + "alertname%3D%22LoadAlert007%22"
        out["get_filter"] = scenarios.get_alerts(url, a.repeats, a.timeout, q)
        print("  GET alerts filter: %s" % out["get_filter"], flush=True)
        if a.silences > 0:
            stride = max(1, a.alerts // a.silences)
            out["create_silences"] = scenarios.create_silences(url, a.silences, a.tag, stride, 10, a.max_seconds)
            print("  POST silences: %s" % out["create_silences"], flush=True)
            out["get_silences"] = scenarios.get_silences(url, a.repeats, a.timeout)
            print("  GET silences: %s" % out["get_silences"], flush=True)
            cold = scenarios.get_alerts(url, 1, a.timeout)
            warm = scenarios.get_alerts(url, a.repeats, a.timeout)
            out["silencer"] = {"cold_ms": cold["median_ms"], "warm_median_ms": warm["median_ms"],
                               "items": warm["items"], "suppressed": warm["suppressed"]}
            print("  GET alerts with silences: %s" % out["silencer"], flush=True)
        out["rss_end_mib"], out["hwm_end_mib"] = scenarios.mem_mib(pid)
    finally:
        node.stop(timeout=15)
    if a.loaded_silences > 0 or a.inhibit_rules > 0:
        out["loaded"] = run_loaded(name, binary, a, workdir)
    return out


def run_loaded(name, binary, a, workdir):
    """Issue 4's loaded ingest: a fresh node whose config carries --inhibit-rules inhibition
    rules, --loaded-silences silences of the mixed set created first, then the same ingest."""
    config = scenarios.inhibit_config(NULL_CONFIG, os.path.join(workdir, "%s-inhibit.yml" % name), a.inhibit_rules)
    node = Node(binary, config, os.path.join(workdir, name + "-loaded"), log_level="warn")
    node.start(ready_timeout=30)
    try:
        url, pid = node.url, node.pid
        stride = max(1, a.alerts // max(1, a.loaded_silences))
        sil = scenarios.create_silences(url, a.loaded_silences, a.tag, stride, 0, a.max_seconds,
                                        body_fn=lambda k: scenarios.mixed_silence_body(k, a.tag, stride))
        print("  loaded: POST mixed silences: %s" % sil, flush=True)
        r = scenarios.ingest(url, pid, a.alerts, a.batch, a.concurrency, a.max_seconds, a.tag)
        r["silences_created"], r["inhibit_rules"] = sil["created"], a.inhibit_rules
        print("  loaded: ingest with %d silences, %d inhibition rules: %s"
              % (sil["created"], a.inhibit_rules, r), flush=True)
        return r
    finally:
        node.stop(timeout=15)


def run_sizes(servers, a, workdir):
    """Issue 18's figures at each of --sizes (readpath.py), both servers per size."""
    sizes = [int(x) for x in a.sizes.split(",")]
    results = {}
    for n in sizes:
        results[n] = {}
        for name, binary in servers:
            if name == "alertmanager" and a.am_max_size and n > a.am_max_size:
                continue
            node = Node(binary, NULL_CONFIG, os.path.join(workdir, "%s-%d" % (name, n)), log_level="warn")
            print("== %s, %d alerts (%s)" % (name, n, binary), flush=True)
            node.start(ready_timeout=30)
            try:
                r = readpath.run(node, n, a.repeats if n < 1000000 or name == "tocsin" else 1, a.timeout)
            finally:
                node.stop(timeout=30)
            print("  %s" % r, flush=True)
            results[n][name] = r
    return sizes, results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--alerts", type=int, default=100000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--concurrency", type=int, default=1, help="loadgen.py connections")
    ap.add_argument("--silences", type=int, default=10000, help="0 skips the silence scenarios")
    ap.add_argument("--loaded-silences", type=int, default=10000,
                    help="silences loaded before the loaded-ingest scenario (0 and --inhibit-rules 0 skip it)")
    ap.add_argument("--inhibit-rules", type=int, default=100, help="inhibition rules of the loaded-ingest scenario")
    ap.add_argument("--repeats", type=int, default=3, help="GETs per measurement (median)")
    ap.add_argument("--max-seconds", type=float, default=180, help="bound of each ingest/creation phase")
    ap.add_argument("--timeout", type=float, default=300, help="bound of each request")
    ap.add_argument("--tag", default="", help="instance label prefix")
    ap.add_argument("--only", choices=["tocsin", "alertmanager"], help="run one server only")
    ap.add_argument("--write-doc", metavar="FILE", help="write the report (markdown) here too")
    ap.add_argument("--keep-workdir", action="store_true")
    ap.add_argument("--sizes", help="comma-separated store sizes: run the read-path figures (issue 18) instead")
    ap.add_argument("--am-max-size", type=int, default=0, help="with --sizes: skip Alertmanager above this size")
    ap.add_argument("--json-out", help="with --sizes: also write the raw figures here")
    ap.add_argument("--json-in", action="append", default=[],
                    help="with --sizes: merge figures an earlier --json-out run wrote (e.g. the other server)")
    a = ap.parse_args()

    servers = []
    if a.only != "alertmanager":
        servers.append(("tocsin", tocsin_binary()))
    if a.only != "tocsin":
        am = os.environ.get("AM_BIN", "prometheus-alertmanager")
        if not shutil.which(am.split()[0]):
            sys.exit("%s not found (apt-get install prometheus-alertmanager, or set AM_BIN)" % am)
        servers.append(("alertmanager", am))

    workdir = tempfile.mkdtemp(prefix="tocsin-bench.")
    started = time.time()
    results = {}
    try:
        if a.sizes:
            sizes, by_size = run_sizes(servers, a, workdir)
        else:
            for name, binary in servers:
                results[name] = run_server(name, binary, a, workdir)
    finally:
        if not a.keep_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    meta = report.metadata(ROOT, sys.argv, started, a, {n: b for n, b in servers})
    if a.sizes:
        if a.json_out:
            with open(a.json_out, "w") as f:
                json.dump({str(n): r for n, r in by_size.items()}, f)
        for path in a.json_in:
            with open(path) as f:
                for n, r in json.load(f).items():
                    by_size.setdefault(int(n), {}).update(r)
                    if int(n) not in sizes:
                        sizes.append(int(n))
        sizes.sort()
        text = readpath.markdown(by_size, sizes)
        print()
        print(text)
        if a.write_doc:
            readpath.write_doc(os.path.join(ROOT, a.write_doc), text, meta)
        return
    text = report.markdown(results, meta, a)
    print()
    print(report.section(text, meta))
    if a.write_doc:
        report.write_doc(os.path.join(ROOT, a.write_doc), text, meta)


if __name__ == "__main__":
    main()
