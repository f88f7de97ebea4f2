#!/usr/bin/env python3
"""A webhook receiver for the tests and the demo: keeps every POST it gets, in memory and,
with --out, as one JSON line each.

In a test (the `webhook` fixture of conftest.py):

    sink = WebhookSink().start()      # 127.0.0.1, a free port; sink.url
    sink.status = 404                 # answer every later POST with 404
    sink.fail_first, sink.fail_status = 1, 500   # the first POST gets 500, then `status`
    sink.delay = 2.0                  # wait 2 s before each answer
    sink.retry_after = "2"            # a Retry-After header on every non-2xx answer
    sink.hang = True                  # record each POST, then never answer it (until stop)
    sink.responder = fn               # fn(method, path, body) -> (status, payload) or None:
                                      # plays a service's API (GET and PUT go through it too)
    sink.records()                    # [{"ts", "method", "path", "host", "headers", "status", "body" | "raw"}, ...]
    WebhookSink(tls=ssl_context)      # HTTPS with that server-side ssl.SSLContext
    sink.stop()

As a process (deploy/local/demo.sh):

    webhook_sink.py --port 5001 --out deliveries.jsonl [--status 200] [--delay 0]
                    [--fail-first N] [--fail-status 500] [--max-seconds 600]

A record is {"ts": receive time (unix seconds), "method", "path": request path with its query,
"host": the Host header, "headers": {lower-case name: value}, "bytes": the body as base64,
"status": the code answered, "body": the JSON body} ("raw": the text instead of "body" when it
is not JSON). PUT is recorded like POST (OpsGenie updates). A `/bot<token>/sendMessage` path is
answered as Telegram answers (`{"ok":true,"result":{...}}`), since its client reads the answer's
`ok` rather than the status; a WeChat `/gettoken?` GET (recorded too) and an OAuth2
`/oauth2/token` POST get a token; an SNS `Action=Publish` POST gets SNS's XML answer.
Over HTTP, GET /_records lists the records, POST /_reset forgets them, and POST /_control
with e.g. {"status": 503, "delay": 1.5, "fail_first": 2, "hang": false} changes the faults (fail_first
counts from that moment). The process stops on SIGTERM/SIGINT or after --max-seconds.
"""
import argparse
import base64
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SNS_REPLY = (b'<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>'
             b'<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>'
             b'<ResponseMetadata><RequestId>f187a3c1</RequestId></ResponseMetadata></PublishResponse>')
FAULT_KEYS = ("status", "delay", "fail_first", "fail_status", "hang", "retry_after")


class WebhookSink:
    def __init__(self, port=0, out=None, status=200, delay=0.0, fail_first=0, fail_status=500,
                 host="127.0.0.1", hang=False, tls=None):
        self.status = status
        self.hang = hang
        self.retry_after = None
        self._released = threading.Event()  # set by stop(): hung requests end then
        self.delay = delay
        self.fail_first = fail_first
        self.fail_status = fail_status
        self._lock = threading.Lock()
        self._records = []
        self._posts = 0  # POSTs answered since start, reset or a new fail_first
        self.responder = None
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

    def _receive(self, path, data, method="POST", headers=None, alpn=None):
        """Records one delivery; returns (status to answer, seconds to wait first). `alpn` is
        the protocol TLS negotiated (None: plain HTTP or none offered)."""
        headers = headers or {}
        record = {"ts": time.time(), "method": method, "path": path, "host": headers.get("host"),
                  "headers": headers, "bytes": base64.b64encode(data).decode(), "alpn": alpn}
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
            answer = self.responder(method, path, record.get("body")) if self.responder else None
            if answer is not None:
                record["status"] = answer[0]
                return answer, self.delay, self.hang
            return code, self.delay, self.hang


def _handler_for(sink):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer_raw(self, code, content_type, body):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def answer(self, code, payload):
            if code == 204:  # No Content: no body and no length, as HTTP requires
                self.send_response(code)
                return self.end_headers()
            body = json.dumps(payload).encode()
            self.send_response(code)
            if code >= 300 and sink.retry_after is not None:
                self.send_header("Retry-After", sink.retry_after)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/_records":
                self.answer(200, sink.records())
            elif "/gettoken?" in self.path:
                self.do_GET_token()
            elif self.path in ("/-/ready", "/_ready"):
                self.answer(200, "ok")
            elif sink.responder:
                self.do_POST()
            else:
                self.answer(404, "not found")

        def do_PUT(self):
            self.do_POST()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            if self.path == "/_control":
                sink.control(json.loads(data or b"{}"))
                return self.answer(200, {})
            if self.path == "/_reset":
                sink.reset()
                return self.answer(200, {})
            headers = {k.lower(): v for k, v in self.headers.items()}
            alpn = self.connection.selected_alpn_protocol() if hasattr(self.connection, "selected_alpn_protocol") else None
            code, delay, hang = sink._receive(self.path, data, self.command, headers, alpn)
            if hang:
                # Accepts and reads the request, then answers nothing and keeps the connection
                # open until the sender gives up (the connection is closed) or the sink stops.
                self.close_connection = True
                sink._released.wait(600)
                return
            if delay:
                time.sleep(delay)
            if isinstance(code, tuple):
                return self.answer(*code)
            if code < 300 and self.path.startswith("/oauth2/token"):
                return self.answer(code, {"access_token": "oauth-token-1", "token_type": "bearer", "expires_in": 3600})
            if code < 300 and data.startswith(b"Action=Publish"):
                return self.answer_raw(code, "text/xml", SNS_REPLY)
            if code < 300 and self.path.endswith("/sendMessage"):
                return self.answer(code, {"ok": True, "result": {"message_id": 1, "date": 0, "chat": {"id": 1}}})
            self.answer(code, {} if code < 300 else {"error": "fault injected by webhook_sink"})


        def do_GET_token(self):
            headers = {k.lower(): v for k, v in self.headers.items()}
            code, _, _ = sink._receive(self.path, b"", "GET", headers)
            self.answer(code, {"access_token": "wechat-token", "expires_in": 7200})

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
