#!/usr/bin/env python3
"""What recording the notification history costs (issue 16): the same tocsin binary with the
history on (default) and off (--history.retention=0s), alternating, on the same load.

    scripts/bench/history_cost.py [--groups 2000] [--alerts 50000] [--rounds 3]

Per round and mode, on a fresh process:
  1. ingest: --alerts distinct alerts (loadgen.py) to a config without integrations: alerts/s;
  2. notifications: --groups alerts, one group each, to a webhook answering 200 at once
     (Tests/interop/webhook_sink.py in this process), group_wait 1s: notifications/s from
     the first POST of alerts to the last webhook delivery, and the server's CPU seconds.
Prints the medians and the cost (on vs off). Figures only: nothing asserts a timing.
Binary: $TOCSIN_BIN (default .build-release/release/tocsin, then .build/release/tocsin).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))

from loadgen import push  # noqa: E402
from node import Node  # noqa: E402
from scenarios import cpu_seconds  # noqa: E402
from webhook_sink import WebhookSink  # noqa: E402

NOTIFY_CONFIG = """
route:
  receiver: hook
  group_by: [instance]
  group_wait: 1s
  group_interval: 1h
  repeat_interval: 4h
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
"""
MODES = {"on": [], "off": ["--history.retention=0s"]}


def binary():
    for b in (os.environ.get("TOCSIN_BIN"), os.path.join(ROOT, ".build-release/release/tocsin"),
              os.path.join(ROOT, ".build/release/tocsin")):
        if b and os.path.exists(b):
            return b
    sys.exit("no release tocsin: swift build -c release --product tocsin")


def ingest(work, extra, n):
    node = Node([binary(), *extra], os.path.join(HERE, "null.yml"), work).start()
    try:
        return push(node.url, n, batch=64, max_seconds=300, ends_in=3600)["alerts_per_s"]
    finally:
        node.stop()


def notify(work, extra, groups):
    sink = WebhookSink().start()
    config = os.path.join(work, "notify.yml")
    os.makedirs(work, exist_ok=True)
    with open(config, "w") as f:
        f.write(NOTIFY_CONFIG.format(url=sink.url))
    node = Node([binary(), *extra], config, work).start()
    try:
        cpu0, t0 = cpu_seconds(node.pid), time.time()
        push(node.url, groups, batch=64, max_seconds=300, ends_in=3600)
        deadline = time.time() + 600
        while len(sink.records()) < groups and time.time() < deadline:
            time.sleep(0.05)
        records = sink.records()
        if len(records) < groups:
            raise RuntimeError(f"only {len(records)} of {groups} notifications arrived")
        seconds = max(r["ts"] for r in records) - t0
        return groups / seconds, cpu_seconds(node.pid) - cpu0
    finally:
        node.stop()
        sink.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--groups", type=int, default=2000)
    ap.add_argument("--alerts", type=int, default=50000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    results = {m: {"ingest": [], "notify": [], "cpu": []} for m in MODES}
    with tempfile.TemporaryDirectory(prefix="tocsin-history-bench-") as tmp:
        for r in range(a.rounds):
            # Alternate the order so that drift on the shared machine hits both modes alike.
            for mode in (("on", "off") if r % 2 == 0 else ("off", "on")):
                work = os.path.join(tmp, f"{mode}-{r}")
                results[mode]["ingest"].append(ingest(work + "-ingest", MODES[mode], a.alerts))
                rate, cpu = notify(work + "-notify", MODES[mode], a.groups)
                results[mode]["notify"].append(rate)
                results[mode]["cpu"].append(cpu)
                print(f"round {r} {mode}: ingest {results[mode]['ingest'][-1]:.0f} alerts/s, "
                      f"notify {rate:.0f}/s, cpu {cpu:.2f}s", flush=True)
    med = {m: {k: statistics.median(v) for k, v in results[m].items()} for m in MODES}
    print("\n| medians of %d rounds | history off | history on | cost |" % a.rounds)
    print("|---|---|---|---|")
    for key, label, higher_better in (("ingest", "ingest, alerts/s", True),
                                      ("notify", "notifications/s", True),
                                      ("cpu", "server CPU s for the notifications", False)):
        off, on = med["off"][key], med["on"][key]
        cost = (off - on) / off if higher_better else (on - off) / off
        print(f"| {label} | {off:.1f} | {on:.1f} | {cost * 100:+.1f} % |")


if __name__ == "__main__":
    main()
