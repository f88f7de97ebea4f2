"""An HTTP proxy that answers CONNECT itself and plays the HTTPS service at the far end, for
integrations whose endpoint Alertmanager 0.25 hard-codes (Pushover, PagerDuty's v1 API).

    ca = make_test_ca(workdir, ["api.pushover.net", "events.pagerduty.com"])
    proxy = TLSProxy(sink, ca).start()   # proxy.url for http_config.proxy_url
    # http_config.tls_config.ca_file: ca["ca"]

Each tunnelled request is handed to `sink` (a webhook_sink.WebhookSink), which records it
(its Host header names the service) and answers it as usual. The
certificate is issued by a throw-away CA made with the `openssl` command.
"""
import os
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import webhook_sink


def make_test_ca(workdir, hosts):
    """A CA and one server certificate for `hosts`; returns {"ca", "cert", "key"} paths."""
    d = os.path.join(workdir, "test-ca")
    os.makedirs(d, exist_ok=True)
    p = {name: os.path.join(d, name) for name in ("ca.pem", "ca.key", "cert.pem", "cert.key", "cert.csr", "ext")}

    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=tocsin test CA",
        "-keyout", p["ca.key"], "-out", p["ca.pem"])
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={hosts[0]}", "-keyout", p["cert.key"],
        "-out", p["cert.csr"])
    with open(p["ext"], "w") as f:
        f.write("subjectAltName=" + ",".join(f"DNS:{h}" for h in hosts) + "\n")
    run("x509", "-req", "-in", p["cert.csr"], "-CA", p["ca.pem"], "-CAkey", p["ca.key"], "-CAcreateserial",
        "-days", "2", "-extfile", p["ext"], "-out", p["cert.pem"])
    return {"ca": p["ca.pem"], "cert": p["cert.pem"], "key": p["cert.key"]}


class _ProxyServer:
    """What both proxies share: a threaded HTTP server on a free loopback port whose handler
    class `_handler()` builds; `url` for `proxy_url`; started and stopped with the test."""

    name = "proxy"

    def _serve(self, host):
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://{host}:{self._server.server_address[1]}"

    def start(self):
        threading.Thread(target=self._server.serve_forever, name=self.name, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()


class TLSProxy(_ProxyServer):
    name = "tls-proxy"

    def __init__(self, sink, ca, host="127.0.0.1"):
        self.sink = sink
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(ca["cert"], ca["key"])
        self.tls.set_alpn_protocols(["http/1.1"])
        self._serve(host)
        self.connects = []  # {"target": "host:port", "headers": {lower-case name: value}} per CONNECT

    def _handler(self):
        proxy = self
        service = webhook_sink._handler_for(proxy.sink)

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_CONNECT(self):
                proxy.connects.append({"target": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}})
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                try:
                    conn = proxy.tls.wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError):
                    self.close_connection = True
                    return
                try:
                    service(conn, self.client_address, self.server)
                except (ssl.SSLError, OSError, socket.timeout):
                    pass
                self.close_connection = True

        return Handler


class TunnelProxy(_ProxyServer):
    """An HTTP proxy that answers CONNECT by opening the connection to the named target and
    relaying bytes both ways (TLS stays end to end), as a corporate proxy does.

        proxy = TunnelProxy().start()   # proxy.url for proxy_url; proxy.connects: targets asked
    """

    name = "tunnel-proxy"

    def __init__(self, host="127.0.0.1"):
        self._serve(host)
        self.connects = []  # "host:port" per CONNECT

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_CONNECT(self):
                proxy.connects.append(self.path)
                host, port = self.path.rsplit(":", 1)
                try:
                    upstream = socket.create_connection((host, int(port)), timeout=10)
                except OSError:
                    self.send_response(502)
                    self.end_headers()
                    return
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                self.close_connection = True

                def pump(src, dst):
                    try:
                        while data := src.recv(65536):
                            dst.sendall(data)
                    except OSError:
                        pass
                    finally:
                        for s in (src, dst):
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass

                back = threading.Thread(target=pump, args=(upstream, self.connection), daemon=True)
                back.start()
                pump(self.connection, upstream)
                back.join(10)
                upstream.close()

        return Handler
