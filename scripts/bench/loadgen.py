#!/usr/bin/env python3
"""The benchmarks' load generator and HTTP client (stdlib only, loopback).

    scripts/bench/loadgen.py --url http://127.0.0.1:9093 [--alerts 10000] [--batch 64]
                             [--passes 1] [--concurrency 1] [--max-seconds 60] [--tag T]
                             [--ends-in 300]

Pushes --alerts distinct alerts to POST /api/v2/alerts the way Prometheus' notifier does:
cut into --batch-alert bodies (Prometheus sends 64 at a time), the whole set --passes times
(the first pass creates the alerts, the next ones refresh them), over --concurrency
keep-alive connections. Prints alerts/s accepted and request latency p50/p90/p99/max.

Alert i has 8 labels and 2 annotations: alertname LoadAlert(i mod 100), instance
<tag>node-<i, 6 digits>:9100, job, severity, cluster (i mod 5), namespace, pod, team; the
silence scenarios of scenarios.py rely on the alertname and instance shapes.

Importable: Client (one keep-alive connection; pre-built requests), request_bytes,
push(...) (the figures as a dict), rfc3339.
"""
import argparse
import json
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

SEVERITIES = ("critical", "warning", "info")
TEAMS = ("infra", "db", "web", "payments")


def rfc3339(t):
    """UTC, millisecond precision, as Prometheus writes alert times."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def request_bytes(method, url, body=b""):
    """A complete HTTP/1.1 request, built once and sent as often as needed."""
    parts = urlsplit(url)
    target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", "User-Agent: tocsin-bench",
             "Accept: application/json"]
    if body or method in ("POST", "PUT"):
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Client:
    """One keep-alive connection. request() returns (status, body, seconds); a request that
    meets a closed connection is sent once more on a new one."""

    def __init__(self, url, timeout=30.0):
        parts = urlsplit(url)
        self.address = (parts.hostname, parts.port or 80)
        self.timeout = timeout
        self.sock = None
        self.pending = b""

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def request(self, raw):
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                if self.sock is None:
                    self.sock = socket.create_connection(self.address, self.timeout)
                    self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    self.pending = b""
                self.sock.sendall(raw)
                status, body = self._read_response()
                return status, body, time.perf_counter() - started
            except OSError:
                self.close()
                if attempt == 2:
                    raise

    def _more(self):
        data = self.sock.recv(1 << 20)
        if not data:
            raise ConnectionResetError("server closed the connection")
        self.pending += data

    def _line(self):
        while b"\r\n" not in self.pending:
            self._more()
        line, self.pending = self.pending.split(b"\r\n", 1)
        return line

    def _exactly(self, n):
        while len(self.pending) < n:
            self._more()
        data, self.pending = self.pending[:n], self.pending[n:]
        return data

    def _read_response(self):
        status = int(self._line().split()[1])
        headers = {}
        while True:
            line = self._line()
            if not line:
                break
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        if b"chunked" in headers.get(b"transfer-encoding", b""):
            chunks = []
            while True:
                size = int(self._line().split(b";")[0], 16)
                if size == 0:
                    while self._line():  # trailers, then the empty line
                        pass
                    break
                chunks.append(self._exactly(size))
                self._line()
            body = b"".join(chunks)
        elif b"content-length" in headers:
            body = self._exactly(int(headers[b"content-length"]))
        else:  # no length: the body runs to the end of the connection
            try:
                while True:
                    self._more()
            except ConnectionResetError:
                pass
            body, self.pending = self.pending, b""
            headers[b"connection"] = b"close"
        if headers.get(b"connection") == b"close":
            self.close()
        return status, body


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))]


def alerts(n, tag="", ends_in=300.0):
    now = datetime.now(timezone.utc)
    starts = rfc3339(now)
    ends = rfc3339(now + timedelta(seconds=ends_in)) if ends_in else None
    out = []
    for i in range(n):
        instance, job = "%snode-%06d:9100" % (tag, i), "job%02d" % (i % 10)
        alert = {
            "labels": {"alertname": "LoadAlert%03d" % (i % 100), "instance": instance, "job": job,
                       "severity": SEVERITIES[i % 3], "cluster": "cluster%d" % (i % 5),
                       "namespace": "ns%02d" % (i % 20), "pod": "pod-%06d" % i, "team": TEAMS[i % 4]},
            "annotations": {"summary": f"{instance} ({job}) is down",
                            "description": f"{instance} has not answered a scrape for 5 minutes; "
                                           "look at the exporter and the network between."},
            "startsAt": starts,
            "generatorURL": f"http://prometheus.example:9090/graph?g0.expr=up%7Bjob%3D%22{job}%22%7D+%3D%3D+0",
        }
        if ends:
            alert["endsAt"] = ends
        # Prometheus' bodies carry labels and annotations with their names sorted (Go's JSON
        # encoder sorts map keys): send them the same way.
        alert["labels"] = dict(sorted(alert["labels"].items()))
        alert["annotations"] = dict(sorted(alert["annotations"].items()))
        out.append(alert)
    return out


def push(url, n_alerts, batch=64, passes=1, concurrency=1, max_seconds=60.0, tag="", ends_in=300.0):
    """Sends the alerts; returns alerts_per_s, latency_ms {p50,p90,p99,max}, seconds,
    alerts_accepted, requests, requests_ok, completed (every batch of every pass sent and
    accepted before max_seconds) and errors (by HTTP status or exception name)."""
    items = alerts(n_alerts, tag, ends_in)
    target = url.rstrip("/") + "/api/v2/alerts"
    requests = [(request_bytes("POST", target, json.dumps(items[i:i + batch], separators=(",", ":")).encode()),
                 len(items[i:i + batch])) for i in range(0, len(items), batch)]
    deadline = time.time() + max_seconds
    lock = threading.Lock()
    done = []  # (status, alerts in the request, seconds)
    errors = {}

    def count_error(key):
        with lock:
            errors[key] = errors.get(key, 0) + 1

    def worker(first):
        client, mine = Client(url), []
        try:
            for _ in range(passes):
                for raw, size in requests[first::concurrency]:
                    if time.time() > deadline:
                        return
                    try:
                        status, _, seconds = client.request(raw)
                    except OSError as e:
                        count_error(type(e).__name__)
                        continue
                    mine.append((status, size, seconds))
                    if status >= 300:
                        count_error("http_%d" % status)
        finally:
            client.close()
            with lock:
                done.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max_seconds + 30)
    wall = time.perf_counter() - started
    ok = [d for d in done if d[0] < 300]
    latencies = sorted(d[2] for d in done)
    accepted = sum(d[1] for d in ok)
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    return {
        "alerts_per_s": round(accepted / wall, 1) if wall > 0 else None,
        "latency_ms": {"p50": ms(percentile(latencies, 50)), "p90": ms(percentile(latencies, 90)),
                       "p99": ms(percentile(latencies, 99)), "max": ms(latencies[-1] if latencies else None)},
        "seconds": round(wall, 3), "alerts_accepted": accepted, "requests": len(done), "requests_ok": len(ok),
        "completed": len(ok) == passes * len(requests), "errors": errors,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", required=True)
    p.add_argument("--alerts", type=int, default=10000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--passes", type=int, default=1)
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--max-seconds", type=float, default=60)
    p.add_argument("--tag", default="")
    p.add_argument("--ends-in", type=float, default=300, help="endsAt = now + this; 0 leaves endsAt out")
    a = p.parse_args()
    r = push(a.url, a.alerts, a.batch, a.passes, a.concurrency, a.max_seconds, a.tag, a.ends_in)
    print("%d alerts x %d passes in %.2fs: %d/%d requests accepted%s" % (
        a.alerts, a.passes, r["seconds"], r["requests_ok"], r["requests"], "" if r["completed"] else " (incomplete)"))
    lat = r["latency_ms"]
    print("%s alerts/s; request latency ms p50=%s p90=%s p99=%s max=%s" % (
        r["alerts_per_s"], lat["p50"], lat["p90"], lat["p99"], lat["max"]))
    if r["errors"]:
        print("errors: %s" % r["errors"])


if __name__ == "__main__":
    main()
