#!/usr/bin/env python3
"""First-notification latency: tocsin vs the real Alertmanager 0.25, in one run (issue #18 goal 6).

    scripts/bench/first_notification.py [--tocsin .build/release/tocsin]
                                        [--alertmanager prometheus-alertmanager] [--tries 100]

For each server (tocsin first), on one node and on a 3-node cluster: a route with group_wait 0
and a webhook receiver (a local Python sink that notes the arrival time of each request as
soon as its headers are read). Each try pushes one new alert (a new group) with one
keep-alive POST /api/v2/alerts, to every node as Prometheus does (node 1 first), and takes
the time from the start of the first push to the first webhook request for that group.
Prints median, p90 and max per setup, the load average, and the ratios tocsin/Alertmanager.
Figures only: nothing here asserts a timing. Servers are stopped by their PIDs.
"""
import argparse
import http.client
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "interop"))
from quiet_nodes import start_nodes  # noqa: E402

LIMIT = 10.0


class Sink:
    """Webhook receiver: the first arrival time (perf_counter) of each alertname."""

    def __init__(self):
        self.first = {}
        self.cond = threading.Condition()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                t = time.perf_counter()
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                name = json.loads(body)["groupLabels"].get("alertname", "")
                with sink.cond:
                    sink.first.setdefault(name, t)
                    sink.cond.notify_all()

        # A deep accept queue: a server flushing thousands of new groups at once opens as many
        # connections (gossip_cost.py), and refused ones would be retried and counted twice.
        ThreadingHTTPServer.request_queue_size = 4096
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, name):
        with self.cond:
            if not self.cond.wait_for(lambda: name in self.first, timeout=LIMIT):
                raise SystemExit(f"no webhook for {name} within {LIMIT}s")
            return self.first[name]

    def stop(self):
        self.server.shutdown()


def config(port):
    return f"""route:
  receiver: hook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 5m
  repeat_interval: 4h
receivers:
- name: hook
  webhook_configs:
  - url: http://127.0.0.1:{port}/hook
    send_resolved: false
"""


def start(binary, workdir, label, nodes, sink):
    servers = start_nodes(binary, workdir, f"{label}{nodes}-", nodes, config(sink.port))
    time.sleep(2)  # past the settle timeout and the first gossip rounds
    return servers


def measure(servers, sink, label, tries):
    conns = [http.client.HTTPConnection("127.0.0.1", s.api_port, timeout=10) for s in servers]
    times = []
    for i in range(tries):
        name = f"Latency{label}{len(servers)}n{i}"
        body = json.dumps([{"labels": {"alertname": name, "instance": "a"}}]).encode()
        t0 = time.perf_counter()
        for c in conns:
            c.request("POST", "/api/v2/alerts", body, {"Content-Type": "application/json"})
            c.getresponse().read()
        times.append((sink.wait(name) - t0) * 1000)
        time.sleep(0.02)
    for c in conns:
        c.close()
    return times


def summary(ms):
    ms = sorted(ms)
    return {"median": statistics.median(ms), "p90": ms[int(len(ms) * 0.9)], "max": ms[-1]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tocsin", default=os.environ.get("TOCSIN_BIN", os.path.join(ROOT, ".build", "release", "tocsin")))
    p.add_argument("--alertmanager", default=os.environ.get("AM_BIN", "prometheus-alertmanager"))
    p.add_argument("--tries", type=int, default=100)
    p.add_argument("--nodes", default="1,3")
    args = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="tocsin-latency-bench-")
    sink = Sink()
    results = {}
    print(f"load average at start: {'%.2f %.2f %.2f' % os.getloadavg()}", flush=True)
    try:
        for nodes in [int(n) for n in args.nodes.split(",")]:
            for label, binary in (("tocsin", args.tocsin), ("am", args.alertmanager)):
                servers = start(binary, workdir, label, nodes, sink)
                try:
                    r = summary(measure(servers, sink, label, args.tries))
                finally:
                    for s in servers:
                        s.stop()
                r["loadavg"] = os.getloadavg()[0]
                results[(label, nodes)] = r
                print(f"  {label:6} {nodes} node(s): median {r['median']:.2f} ms  p90 {r['p90']:.2f} ms  "
                      f"max {r['max']:.2f} ms  load {r['loadavg']:.2f}", flush=True)
        print("\n| setup | tocsin median / p90 ms | Alertmanager median / p90 ms | ratio (median) |")
        print("|---|---|---|---|")
        for nodes in sorted({n for _, n in results}):
            t, a = results[("tocsin", nodes)], results[("am", nodes)]
            print(f"| {nodes} node(s) | {t['median']:.2f} / {t['p90']:.2f} | {a['median']:.2f} / {a['p90']:.2f} | "
                  f"{t['median'] / a['median']:.2f}× |")
        print(f"load average at end: {'%.2f %.2f %.2f' % os.getloadavg()}")
    finally:
        sink.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
