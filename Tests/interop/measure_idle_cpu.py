"""Idle CPU of a 3-node tocsin cluster on loopback (docs/benchmarks.md).

Starts three nodes joined to each other, waits until each sees three members, then reads
utime+stime from /proc/<pid>/stat before and after `--seconds` of doing nothing and prints
the CPU seconds each node used in that window. Not a test: run it by hand.

    python3 Tests/interop/measure_idle_cpu.py [--binary .build/debug/tocsin] [--seconds 60]
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from conftest import Server, http, tocsin_bin, wait_until  # noqa: E402

CONFIG = """
route:
  receiver: a
receivers:
- name: a
"""


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # Fields 14 and 15 (utime, stime) counted from 1, in clock ticks; index 0 here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=tocsin_bin())
    p.add_argument("--seconds", type=float, default=60)
    args = p.parse_args()
    work = tempfile.mkdtemp(prefix="tocsin-idle-")
    nodes = []
    try:
        first = Server(args.binary, work, CONFIG, name="n0", cluster=True, extra=["--log.level=info"])
        nodes.append(first.start())
        for i in (1, 2):
            s = Server(args.binary, work, CONFIG, name=f"n{i}", cluster=True, peers=[first.cluster_addr],
                       extra=["--log.level=info"])
            nodes.append(s.start())
        for s in nodes:
            wait_until(lambda s=s: len(http("GET", s.url + "/api/v2/status")[1]["cluster"]["peers"]) == 3,
                       timeout=30, what="3 members")
        start = [cpu_seconds(s.proc.pid) for s in nodes]
        time.sleep(args.seconds)
        used = [cpu_seconds(s.proc.pid) - b for s, b in zip(nodes, start)]
        for s, u in zip(nodes, used):
            print(f"{s.dir.rsplit('/', 1)[1]}: {u:.2f} CPU s in {args.seconds:.0f} s ({100 * u / args.seconds:.2f}% of a core)")
        print(f"mean: {sum(used) / len(used):.2f} CPU s per node")
    finally:
        for s in nodes:
            s.stop()


if __name__ == "__main__":
    main()
