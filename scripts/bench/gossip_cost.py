#!/usr/bin/env python3
"""Gossip cost of a steady 3-node cluster: tocsin vs the real Alertmanager 0.25, in one run
(issue #18 goal 8).

    scripts/bench/gossip_cost.py [--tocsin .build/release/tocsin] [--alertmanager prometheus-alertmanager]
                                 [--silences 10000] [--groups 10000] [--seconds 60] [--drain-limit 600]

For each server (tocsin first):
  1. idle: a fresh 3-node cluster holding nothing; CPU seconds per node over --seconds;
  2. loaded: --silences silences created on node 1 (silence_load.c) and --groups alerts, one
     group each, pushed to all three nodes with group_wait 0 and a webhook receiver, so each
     node's notification log holds --groups entries; then wait until every node holds every
     silence and no node has gossip messages queued (alertmanager_cluster_messages_queued 0;
     after --drain-limit seconds it measures anyway and prints what is still queued), and
     measure over --seconds: cluster bytes sent per node
     per second (alertmanager_cluster_messages_sent_size_total, update and full_state, which
     both servers count the same way: the payloads of broadcasts and push/pull state, not
     memberlist's pings and framing) and CPU seconds per node.
Prints the figures, the load average and the ratios. Figures only, no assertions; servers are
stopped by their PIDs.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))
from conftest import wait_until  # noqa: E402
from first_notification import Sink, config  # noqa: E402
from quiet_nodes import start_nodes  # noqa: E402
from silences import build_loader, cpu_seconds  # noqa: E402


def metrics(url):
    out = {}
    with urllib.request.urlopen(url + "/metrics", timeout=60) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("#") or not line.strip():
                continue
            name, _, value = line.rpartition(" ")
            out[name] = float(value)
    return out


def sent_bytes(url):
    m = metrics(url)
    return sum(v for k, v in m.items() if k.startswith("alertmanager_cluster_messages_sent_size_total"))


def start(binary, workdir, label, sink):
    return start_nodes(binary, workdir, f"{label}-", 3, config(sink.port))


def window(servers, seconds):
    pids = [s.proc.pid for s in servers]
    cpu0 = [cpu_seconds(p) for p in pids]
    sent0 = [sent_bytes(s.url) for s in servers]
    time.sleep(seconds)
    sent = [sent_bytes(s.url) - b for s, b in zip(servers, sent0)]
    cpu = [cpu_seconds(p) - b for p, b in zip(pids, cpu0)]
    return {"bytes_per_s": sum(sent) / len(sent) / seconds, "cpu_per_node": sum(cpu) / len(cpu)}


def push_alerts(servers, groups):
    batch = 500
    for first in range(0, groups, batch):
        body = json.dumps([{"labels": {"alertname": f"Gossip{i}", "instance": "a"}}
                           for i in range(first, min(groups, first + batch))]).encode()
        for s in servers:
            req = urllib.request.Request(s.url + "/api/v2/alerts", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req, timeout=30).read()


def holds_all(servers, silences):
    """Every node holds every silence (alertmanager_silences, all states). A node too busy to
    answer /metrics in time does not yet."""
    try:
        return all(sum(v for k, v in metrics(s.url).items() if k.startswith("alertmanager_silences{")) >= silences
                   for s in servers)
    except OSError:
        return False


def total_queued(servers):
    try:
        return sum(metrics(s.url).get("alertmanager_cluster_messages_queued", 0) for s in servers)
    except OSError:
        return -1


def report(label, phase, r, seconds):
    print(f"  {label:6} {phase:6}: {r['bytes_per_s']:10.0f} B/s per node  CPU {r['cpu_per_node']:.2f} s per node "
          f"in {seconds:.0f} s  load {os.getloadavg()[0]:.2f}", flush=True)


def run(binary, label, args, loader, workdir, sink):
    result = {}
    if not args.loaded_only:
        servers = start(binary, workdir, label + "-idle", sink)
        try:
            time.sleep(5)
            result["idle"] = window(servers, args.seconds)
            report(label, "idle", result["idle"], args.seconds)
        finally:
            for s in servers:
                s.stop()
    if args.idle_only:
        return result
    servers = start(binary, workdir, label + "-loaded", sink)
    try:
        subprocess.run([loader, "127.0.0.1", str(servers[0].api_port), "8", str(args.silences), "0"],
                       check=True, capture_output=True, timeout=600)
        push_alerts(servers, args.groups)
        t0 = time.time()
        wait_until(lambda: holds_all(servers, args.silences), timeout=args.drain_limit,
                   what=f"{label}: every silence on every node")
        # Then the gossip queues: drained, or measured as they are after --drain-limit.
        deadline = t0 + args.drain_limit
        while total_queued(servers) != 0 and time.time() < deadline:
            time.sleep(1)
        result["drain_s"] = time.time() - t0
        result["queued"] = total_queued(servers)
        # The nodes' notification logs are filled by then (peers wait 15 s per position).
        time.sleep(5)
        print(f"  {label:6} settled {result['drain_s']:.0f} s after the load; {result['queued']:.0f} messages "
              f"still queued", flush=True)
        result["loaded"] = window(servers, args.seconds)
        report(label, "loaded", result["loaded"], args.seconds)
    finally:
        for s in servers:
            s.stop()
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tocsin", default=os.environ.get("TOCSIN_BIN", os.path.join(ROOT, ".build", "release", "tocsin")))
    p.add_argument("--alertmanager", default=os.environ.get("AM_BIN", "prometheus-alertmanager"))
    p.add_argument("--silences", type=int, default=10000)
    p.add_argument("--groups", type=int, default=10000)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--drain-limit", type=float, default=600)
    p.add_argument("--idle-only", action="store_true", help="only the idle clusters")
    p.add_argument("--loaded-only", action="store_true", help="only the loaded clusters")
    args = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="tocsin-gossip-bench-")
    sink = Sink()
    print(f"load average at start: {'%.2f %.2f %.2f' % os.getloadavg()}", flush=True)
    try:
        loader = build_loader(workdir)
        results = {label: run(binary, label, args, loader, workdir, sink)
                   for label, binary in (("tocsin", args.tocsin), ("am", args.alertmanager))}
        t, a = results["tocsin"], results["am"]
        print("\n| 3-node cluster | tocsin | Alertmanager | ratio |")
        print("|---|---|---|---|")
        for phase in [ph for ph in ("idle", "loaded") if ph in t and ph in a]:
            print(f"| {phase}: cluster bytes sent per node per s | {t[phase]['bytes_per_s']:.0f} | "
                  f"{a[phase]['bytes_per_s']:.0f} | {t[phase]['bytes_per_s'] / max(a[phase]['bytes_per_s'], 1):.2f}× |")
            print(f"| {phase}: CPU s per node in {args.seconds:.0f} s | {t[phase]['cpu_per_node']:.2f} | "
                  f"{a[phase]['cpu_per_node']:.2f} | {t[phase]['cpu_per_node'] / max(a[phase]['cpu_per_node'], 0.01):.2f}× |")
        print(f"load average at end: {'%.2f %.2f %.2f' % os.getloadavg()}")
    finally:
        sink.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
