#!/usr/bin/env python3
"""Restart at scale (issue #18 goal 7): how long tocsin and the real Alertmanager 0.25 take to
come back with a large state on disk, in one run, on the same files.

    scripts/bench/restart.py [--tocsin .build/release/tocsin] [--alertmanager prometheus-alertmanager]
                             [--silences 100000] [--nflog 1000000] [--rounds 3]

Writes, once, Alertmanager's own snapshot formats into a storage directory: `silences`
(varint-delimited `silencepb.MeshSilence`, each with the same matcher, active for a day) and
`nflog` (varint-delimited `nflogpb.MeshEntry`, one per group key, the same two firing fingerprints,
expiring in five days). Both servers read these files (tocsin's silence journal starts
empty). For each round and server, a copy of that directory is the storage of a fresh single
node; the figures are the time from the exec to the first 200 on `/-/ready` (both load their
state before they listen), the CPU seconds and RSS then, and the time until a
`GET /api/v2/silences` has listed every silence.
Prints the medians and the ratios tocsin/Alertmanager. Figures only: nothing asserts a time.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))

from gossip_bytes import mesh_silence, pb_bytes, timestamp, varint  # noqa: E402
from node import Node, memory_kib  # noqa: E402
from scenarios import cpu_seconds  # noqa: E402

CONFIG = "route:\n  receiver: none\nreceivers:\n- name: none\n"


def packed_uint64(field, values):
    body = b"".join(varint(v) for v in values)
    return pb_bytes(field, body)


def mesh_entry(key, sent, expires):
    """`nflogpb.MeshEntry` for group key `key`, receiver "none"/webhook[0], two firing alerts."""
    receiver = pb_bytes(1, b"none") + pb_bytes(2, b"webhook")
    entry = (pb_bytes(1, b'{}:{group="%s"}' % key.encode()) + pb_bytes(2, receiver) + pb_bytes(5, timestamp(sent))
             + packed_uint64(6, [1, 2]))
    return pb_bytes(1, entry) + pb_bytes(2, timestamp(expires))


def templated(build, width, count):
    """`count` messages from one built with a marker of `width` bytes where the number goes:
    every message then has the same length, so each is the template with its number put in
    (a million calls of the protobuf helpers take minutes in Python)."""
    marker = b"#" * width
    head, tail = build(marker.decode()).split(marker)
    fmt = b"%0" + str(width).encode() + b"d"
    for i in range(count):
        yield head + fmt % i + tail


def write_state(directory, silences, nflog):
    now = int(time.time())
    os.makedirs(directory, exist_ok=True)

    def silence(n):
        m = mesh_silence(f"00000000-0000-4000-8000-{n}", now - 60, now + 86400, now - 60,
                         now + 11 * 86400 // 2, name="service", value="svc", comment="restart bench")
        return m

    def entry(n):
        return mesh_entry(n, now - 60, now + 5 * 86400)

    with open(os.path.join(directory, "silences"), "wb") as f:
        for m in templated(silence, 12, silences):
            f.write(varint(len(m)) + m)
    with open(os.path.join(directory, "nflog"), "wb") as f:
        for m in templated(entry, 8, nflog):
            f.write(varint(len(m)) + m)


def silences_count(url):
    with urllib.request.urlopen(url + "/api/v2/silences", timeout=120) as r:
        return len(json.load(r)) if r.status == 200 else -1


def one_start(binary, state, workdir, expected):
    shutil.copytree(state, os.path.join(workdir, "data"))
    config = os.path.join(workdir, "alertmanager.yml")
    with open(config, "w") as f:
        f.write(CONFIG)
    node = Node(binary, config, workdir)
    t0 = time.monotonic()
    node.start(ready_timeout=600)
    ready = time.monotonic() - t0
    cpu = cpu_seconds(node.pid)
    rss = memory_kib(node.pid).get("VmRSS", 0) / 1024
    count = silences_count(node.url)
    answered = time.monotonic() - t0
    node.stop()
    if count != expected:
        raise SystemExit(f"{binary}: {count} silences after the restart, {expected} on disk")
    return ready, answered, cpu, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tocsin", default=os.environ.get("TOCSIN_BIN", os.path.join(ROOT, ".build/release/tocsin")))
    ap.add_argument("--alertmanager", default="prometheus-alertmanager")
    ap.add_argument("--silences", type=int, default=100_000)
    ap.add_argument("--nflog", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tocsin-restart-") as tmp:
        state = os.path.join(tmp, "state")
        t0 = time.monotonic()
        write_state(state, args.silences, args.nflog)
        sizes = {n: os.path.getsize(os.path.join(state, n)) for n in ("silences", "nflog")}
        print(f"state: {args.silences} silences ({sizes['silences'] / 2**20:.1f} MiB), {args.nflog} nflog entries "
              f"({sizes['nflog'] / 2**20:.1f} MiB), written in {time.monotonic() - t0:.1f}s")
        results = {"tocsin": [], "alertmanager": []}
        for r in range(args.rounds):
            for name, binary in (("tocsin", args.tocsin), ("alertmanager", args.alertmanager)):
                run = os.path.join(tmp, f"{name}-{r}")
                os.makedirs(run)
                ready, answered, cpu, rss = one_start(binary, state, run, args.silences)
                results[name].append((ready, answered, cpu, rss))
                shutil.rmtree(run)
                print(f"round {r + 1} {name}: ready after {ready:.2f}s ({cpu:.2f} CPU-s, RSS {rss:.0f} MiB), "
                      f"every silence listed after {answered:.2f}s", flush=True)
        med = {n: [statistics.median(x[i] for x in v) for i in range(4)] for n, v in results.items()}
        print(f"\n| median of {args.rounds} | tocsin | Alertmanager 0.25 | tocsin/Alertmanager |")
        print("|---|---|---|---|")
        for i, label in enumerate(("start to /-/ready (s)", "start to a full GET /api/v2/silences (s)",
                                   "CPU seconds until ready", "RSS when ready (MiB)")):
            t, a = med["tocsin"][i], med["alertmanager"][i]
            print(f"| {label} | {t:.2f} | {a:.2f} | {t / a:.2f}× |")
        print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
