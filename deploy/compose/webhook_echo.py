#!/usr/bin/env python3
"""Webhook receiver for the compose demo: prints one line per notification received
(group, status, number of alerts, which Tocsin node sent it) and answers 200.

    webhook_echo.py [--port 5001]
"""
import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            msg = json.loads(body)
            print(f"notification path={self.path} group={json.dumps(msg.get('groupLabels', {}))} "
                  f"status={msg.get('status')} alerts={len(msg.get('alerts', []))} "
                  f"sent-by={msg.get('externalURL')}", flush=True)
        except ValueError:
            print(f"notification path={self.path} (not JSON) {body[:200]!r}", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt, *args):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=5001)
    args = ap.parse_args()
    ThreadingHTTPServer(("0.0.0.0", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
