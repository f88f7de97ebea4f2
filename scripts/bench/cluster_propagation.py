#!/usr/bin/env python3
"""Silence propagation benchmark: a silence created on node 1 of a 3-node cluster, how long
until node 3's GET /api/v2/silences lists it. Runs a 3-node tocsin cluster and a 3-node real
Alertmanager 0.25 cluster in the same run (one after the other, same machine), 50 tries each,
and prints median and max for both and the ratio tocsin/Alertmanager.

    scripts/bench/cluster_propagation.py [--tries 50] [--tocsin .build/release/tocsin]
                                         [--alertmanager prometheus-alertmanager]

Loopback only; every wait is bounded (5 s per try); processes are stopped by PID at the end.
Node 1 and node 3 are not configured as each other's peers (1 -> 2 -> 3 chain, plus 3 -> 1
only through membership), so the silence may take a gossip hop through node 2 as in a real
cluster where a node learns members from others.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))
from conftest import Server, http, wait_until  # noqa: E402

CONFIG = "route:\n  receiver: none\nreceivers:\n- name: none\n"
POLL = 0.002
LIMIT = 5.0


def silence(i):
    return {"matchers": [{"name": "bench", "value": str(i), "isRegex": False}],
            "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
            "createdBy": "bench", "comment": f"try {i}"}


class QuietServer(Server):
    """The harness' server at info level (debug logging would be part of what is measured)."""

    def args(self):
        return [a if a != "--log.level=debug" else "--log.level=info" for a in super().args()]


def start_cluster(binary, workdir, label):
    nodes = [QuietServer(binary, workdir, CONFIG, name=f"{label}{i}", cluster=True,
                         extra=["--cluster.settle-timeout=1s"]) for i in range(3)]
    nodes[0].peers = [nodes[1].cluster_addr]
    nodes[1].peers = [nodes[0].cluster_addr, nodes[2].cluster_addr]
    nodes[2].peers = [nodes[1].cluster_addr]
    for n in nodes:
        n.start()
    wait_until(lambda: all(len(n.status()["cluster"]["peers"]) == 3 for n in nodes), timeout=30,
               what=f"{label}: 3 members everywhere")
    return nodes


def measure(nodes, tries):
    first, last = nodes[0], nodes[2]
    times = []
    for i in range(tries):
        t0 = time.perf_counter()  # the clock includes the POST that creates the silence
        status, body = http("POST", first.url + "/api/v2/silences", silence(i))
        assert status == 200, body
        sid = body["silenceID"]
        while True:
            if any(s["id"] == sid for s in http("GET", last.url + "/api/v2/silences")[1]):
                times.append(time.perf_counter() - t0)
                break
            if time.perf_counter() - t0 > LIMIT:
                raise SystemExit(f"silence {sid} did not reach node 3 within {LIMIT}s")
            time.sleep(POLL)
        time.sleep(0.05)
    return times


def run(binary, label, tries, workdir):
    nodes = start_cluster(binary, workdir, label)
    try:
        time.sleep(1.5)  # let the join push-pulls and the first gossip rounds finish
        return measure(nodes, tries)
    finally:
        for n in nodes:
            n.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tries", type=int, default=50)
    p.add_argument("--tocsin", default=os.path.join(ROOT, ".build", "release", "tocsin"))
    p.add_argument("--alertmanager", default="prometheus-alertmanager")
    args = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="tocsin-bench-cluster-")
    try:
        am = run(args.alertmanager, "am", args.tries, workdir)
        ts = run(args.tocsin, "tocsin", args.tries, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    ms = lambda v: f"{v * 1000:7.1f} ms"  # noqa: E731
    print(f"silence created on node 1 -> listed by node 3, {args.tries} tries each")
    print(f"{'':14}{'median':>10}{'max':>12}")
    for label, v in (("alertmanager", am), ("tocsin", ts)):
        print(f"{label:14}{ms(statistics.median(v))}{ms(max(v)):>12}")
    print(f"ratio tocsin/alertmanager: median {statistics.median(ts) / statistics.median(am):.2f}, "
          f"max {max(ts) / max(am):.2f}")


if __name__ == "__main__":
    main()
