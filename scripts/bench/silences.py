#!/usr/bin/env python3
"""Silence creation speed: tocsin vs the real Alertmanager 0.25, in one run (issue #18
goal 5, issue #19 finding 12).

    scripts/bench/silences.py [--tocsin .build/release/tocsin] [--alertmanager prometheus-alertmanager]
                              [--nodes 1|2] [--sequential 500] [--held 10000]
                              [--concurrent-clients 32] [--concurrent 4000]

For each server (tocsin first), a fresh --nodes node cluster (2: a peer receives every
silence by gossip and writes it too) on loopback, POST /api/v2/silences to node 1 with
silence_load.c (native, keep-alive, built here with the system C compiler):
  1. --sequential creates, one client, each waiting for its answer: creates/s with none held;
  2. creates up to --held silences with 8 clients (not timed as a figure);
  3. --sequential creates again, one client: creates/s with --held held (finding 12: this
     should equal the rate of 1);
  4. --concurrent creates over --concurrent-clients connections: creates/s (group commit:
     tocsin answers each only once it is on disk with fdatasync; Alertmanager keeps them in
     memory until its 15-minute snapshot).
With --nodes 2 or 3, 3 is measured twice: right after the fill (the gossip queues still
hold its broadcasts) and once every node's alertmanager_cluster_messages_queued is 0.
Also measures the filesystem's append + fdatasync time, the floor of a durable sequential
create. Prints each figure, request p50/p99, the server's CPU seconds, the load average, and the
ratios tocsin/Alertmanager. Figures only: nothing here asserts a timing. Every server is
stopped by its PID.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))
from quiet_nodes import start_nodes, wait_until  # noqa: E402

CONFIG = "route:\n  receiver: none\nreceivers:\n- name: none\n"


def build_loader(workdir):
    exe = os.path.join(workdir, "silence_load")
    subprocess.run(["cc", "-O2", "-pthread", "-o", exe, os.path.join(HERE, "silence_load.c")], check=True)
    return exe


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fdatasync_floor(directory, n=500):
    """Median seconds of appending one silence-sized record (150 bytes) and fdatasync, on the
    filesystem the servers write to: the least a durable sequential create can cost."""
    path = os.path.join(directory, "fdatasync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            os.write(fd, b"x" * 150)
            os.fdatasync(fd)
            times.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
        os.unlink(path)
    return sorted(times)[n // 2]


def load(loader, node, clients, total, first):
    out = subprocess.run([loader, "127.0.0.1", str(node.api_port), str(clients), str(total), str(first)],
                         capture_output=True, text=True, timeout=600, check=True).stdout
    figures = dict(kv.split("=") for kv in out.split())
    return {k: float(v) for k, v in figures.items()}


def queued(node):
    with urllib.request.urlopen(node.url + "/metrics", timeout=60) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("alertmanager_cluster_messages_queued "):
                return float(line.split()[1])
    return 0.0


def wait_drained(servers, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            if all(queued(s) == 0 for s in servers):
                return True
        except OSError:
            pass
        time.sleep(1)
    return False


def start(binary, workdir, label, nodes):
    return start_nodes(binary, workdir, label, nodes, CONFIG, settle=1.5)


def run(binary, label, args, loader, workdir):
    servers = start(binary, workdir, label, args.nodes)
    node = servers[0]
    try:
        pids = [s.proc.pid for s in servers]
        result = {}

        def phase(name, clients, total, first):
            cpu0 = sum(cpu_seconds(p) for p in pids)
            r = load(loader, node, clients, total, first)
            r["cpu_s"] = sum(cpu_seconds(p) for p in pids) - cpu0
            r["loadavg"] = os.getloadavg()[0]
            result[name] = r
            print(f"  {label:6} {name:22} {r['rate']:9.0f}/s  p50 {r['p50_ms']:.3f} ms  p99 {r['p99_ms']:.3f} ms  "
                  f"server CPU {r['cpu_s']:.2f} s  failed {int(r['failed'])}  load {r['loadavg']:.2f}", flush=True)
            if r["failed"]:
                raise SystemExit(f"{label}: {int(r['failed'])} creates failed; log: {node.log_path}")

        phase("sequential, none held", 1, args.sequential, 0)
        fill = max(0, args.held - args.sequential)
        if fill:
            phase("fill (8 clients)", 8, fill, 1_000_000)
        phase(f"sequential, {args.held} held", 1, args.sequential, 2_000_000)
        if args.nodes > 1:
            # Right after the fill the gossip queues still hold thousands of broadcasts (each
            # sent several times, a few per packet): the figure above includes that backlog.
            # Measured again once every node's queue is empty, it shows the cost of the count.
            t0 = time.time()
            drained = wait_drained(servers, args.drain_limit)
            waited = time.time() - t0
            print(f"  {label:6} gossip queues {'drained' if drained else 'NOT drained'} after {waited:.0f} s", flush=True)
            result["drain_s"] = waited
            phase(f"sequential, {args.held} held, drained", 1, args.sequential, 2_500_000)
        phase(f"{args.concurrent_clients} clients", args.concurrent_clients, args.concurrent, 3_000_000)
        return result
    finally:
        for s in servers:
            s.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tocsin", default=os.environ.get("TOCSIN_BIN", os.path.join(ROOT, ".build", "release", "tocsin")))
    p.add_argument("--alertmanager", default=os.environ.get("AM_BIN", "prometheus-alertmanager"))
    p.add_argument("--nodes", type=int, default=1, choices=(1, 2, 3))
    p.add_argument("--sequential", type=int, default=500)
    p.add_argument("--held", type=int, default=10000)
    p.add_argument("--concurrent-clients", type=int, default=32)
    p.add_argument("--concurrent", type=int, default=4000)
    p.add_argument("--drain-limit", type=float, default=420,
                   help="with --nodes 2 or 3: longest wait for the gossip queues to empty after the fill")
    p.add_argument("--only", choices=("tocsin", "alertmanager"))
    args = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="tocsin-silence-bench-")
    try:
        loader = build_loader(workdir)
        print(f"load average at start: {'%.2f %.2f %.2f' % os.getloadavg()}; {args.nodes} node(s)", flush=True)
        floor = fdatasync_floor(workdir)
        print(f"append + fdatasync on this filesystem: median {floor * 1000:.3f} ms, so at most "
              f"{1 / floor:.0f} durable sequential creates/s", flush=True)
        results = {}
        for label, binary in (("tocsin", args.tocsin), ("am", args.alertmanager)):
            if args.only and not args.only.startswith(label):
                continue
            results[label] = run(binary, label, args, loader, workdir)
        if len(results) == 2:
            print("\n| phase | tocsin /s | Alertmanager /s | ratio | tocsin CPU ms/create | AM CPU ms/create |")
            print("|---|---|---|---|---|---|")
            for name, t in results["tocsin"].items():
                a = results["am"].get(name)
                if not isinstance(t, dict) or not isinstance(a, dict):
                    continue
                ok_t, ok_a = max(t["ok"], 1), max(a["ok"], 1)
                print(f"| {name} | {t['rate']:.0f} | {a['rate']:.0f} | {t['rate'] / a['rate']:.2f}× | "
                      f"{t['cpu_s'] * 1000 / ok_t:.3f} | {a['cpu_s'] * 1000 / ok_a:.3f} |")
        print(f"load average at end: {'%.2f %.2f %.2f' % os.getloadavg()}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
