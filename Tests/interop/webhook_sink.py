#!/usr/bin/env python3
"""A webhook receiver for the tests and the demo: keeps every POST it gets, in memory and,
with --out, as one JSON line each.

In a test (the `webhook` fixture of conftest.py):

    sink = WebhookSink().start()      # 127.0.0.1, a free port; sink.url
    sink.status = 404                 # answer every later POST with 404
    sink.fail_first, sink.fail_status = 1, 500   # the first POST gets 500, then `status`
    sink.delay = 2.0                  # wait 2 s before each answer
    sink.hang = True                  # record each POST, then never answer it (until stop)
    sink.records()                    # [{"ts", "path", "host", "status", "body" | "raw"}, ...]
    WebhookSink(tls=ssl_context)      # HTTPS with that server-side ssl.SSLContext
    sink.stop()

As a process (deploy/local/demo.sh):

    webhook_sink.py --port 5001 --out deliveries.jsonl [--status 200] [--delay 0]
                    [--fail-first N] [--fail-status 500] [--max-seconds 600]

A record is {"ts": receive time (unix seconds), "path": request path, "host": the Host
header, "status": the code
answered, "body": the JSON body} ("raw": the text instead of "body" when it is not JSON).
Over HTTP, GET /_records lists the records, POST /_reset forgets them, and POST /_control
with e.g. {"status": 503, "delay": 1.5, "fail_first": 2, "hang": false} changes the faults (fail_first
counts from that moment). The process stops on SIGTERM/SIGINT or after --max-seconds.
"""
import argparse
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULT_KEYS = ("status", "delay", "fail_first", "fail_status", "hang")


class WebhookSink:
    def __init__(self, port=0, out=None, status=200, delay=0.0, fail_first=0, fail_status=500,
                 host="127.0.0.1", hang=False, tls=None):
        self.status = status
        self.hang = hang
        self._released = threading.Event()  # set by stop(): hung requests end then
        self.delay = delay
        self.fail_first = fail_first
        self.fail_status = fail_status
        self._lock = threading.Lock()
        self._records = []
        self._posts = 0  # POSTs answered since start, reset or a new fail_first
        self._file = open(out, "a", buffering=1) if out else None
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        if tls:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.host, self.port = host, self._server.server_address[1]
        self.url = f"{'https' if tls else 'http'}://{host}:{self.port}"
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-sink", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        if self._file:
            self._file.close()
            self._file = None

    def records(self):
        with self._lock:
            return list(self._records)

    def reset(self):
        with self._lock:
            self._records = []
            self._posts = 0
            if self._file:
                self._file.seek(0)
                self._file.truncate()

    def control(self, changes):
        with self._lock:
            for key in FAULT_KEYS:
                if key in changes:
                    setattr(self, key, changes[key])
            if "fail_first" in changes:
                self._posts = 0

    def _receive(self, path, data, host=None):
        """Records one delivery; returns (status to answer, seconds to wait first)."""
        record = {"ts": time.time(), "path": path, "host": host}
        try:
            record["body"] = json.loads(data)
        except ValueError:
            record["raw"] = data.decode("utf-8", "replace")
        with self._lock:
            self._posts += 1
            code = self.fail_status if self._posts <= self.fail_first else self.status
            record["status"] = code
            self._records.append(record)
            if self._file:
                self._file.write(json.dumps(record, sort_keys=True) + "\n")
            return code, self.delay, self.hang


def _handler_for(sink):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, code, payload):
            body = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/_records":
                self.answer(200, sink.records())
            elif self.path in ("/-/ready", "/_ready"):
                self.answer(200, "ok")
            else:
                self.answer(404, "not found")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            if self.path == "/_control":
                sink.control(json.loads(data or b"{}"))
                return self.answer(200, {})
            if self.path == "/_reset":
                sink.reset()
                return self.answer(200, {})
            code, delay, hang = sink._receive(self.path, data, self.headers.get("Host"))
            if hang:
                # Accepts and reads the request, then answers nothing and keeps the connection
                # open until the sender gives up (the connection is closed) or the sink stops.
                self.close_connection = True
                sink._released.wait(600)
                return
            if delay:
                time.sleep(delay)
            self.answer(code, {} if code < 300 else {"error": "fault injected by webhook_sink"})

    return Handler


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=5001)
    p.add_argument("--out", help="append each record to this JSONL file")
    p.add_argument("--status", type=int, default=200)
    p.add_argument("--delay", type=float, default=0.0)
    p.add_argument("--fail-first", type=int, default=0)
    p.add_argument("--fail-status", type=int, default=500)
    p.add_argument("--max-seconds", type=float, default=3600, help="0: run until signalled")
    a = p.parse_args()
    sink = WebhookSink(a.port, a.out, a.status, a.delay, a.fail_first, a.fail_status).start()
    print(f"webhook sink on {sink.url}, records to {a.out or 'memory'}", flush=True)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    done.wait(a.max_seconds or None)
    sink.stop()


if __name__ == "__main__":
    main()
