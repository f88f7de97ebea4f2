"""Hostile API requests (issue #19): an alert listing whose regex filter costs minutes of CPU
(finding 9: `v=~"(.*){1000}x"` over 100 KB label values) stops when its client leaves and
does not hold up SIGTERM; the limits of `docs/operations.md` answer with their errors."""
import signal
import socket
import urllib.parse

from conftest import HOST, http, wait_until
from server_support import metric, quiet_for

CONFIG = "route:\n  receiver: r\nreceivers:\n- name: r\n"
COSTLY = "/api/v2/alerts?filter=" + urllib.parse.quote('v=~"(.*){1000}x"')


def _post_long_values(server, n=3):
    # Each alert costs minutes to filter in a debug build, tens of seconds in a release one.
    status, body = server.post_alerts([{"labels": {"alertname": f"A{i}", "v": "a" * 100_000}} for i in range(n)])
    assert status == 200, body


def _start_costly_get(server):
    """Sends the costly GET on a raw socket (left open) and waits until it is being served."""
    sock = socket.create_connection((HOST, server.api_port))
    sock.sendall(f"GET {COSTLY} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    wait_until(lambda: metric(server.url, "alertmanager_http_requests_in_flight") == 1, timeout=10,
               what="the costly GET in flight")
    return sock


def test_alertListing_clientLeavesCostlyFilter_evaluationStopsAndNextGetServed(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--web.get-concurrency=1"])
    _post_long_values(server)
    sock = _start_costly_get(server)
    quiet_for(1)
    sock.close()
    # With one GET slot, the next listing is served only once the abandoned one stopped.
    wait_until(lambda: metric(server.url, "alertmanager_http_requests_in_flight") == 0, timeout=20,
               what="the abandoned GET to stop")
    status, body = http("GET", server.url + "/api/v2/alerts")
    assert status == 200 and len(body) == 3


def test_server_sigtermDuringCostlyFilter_exitsCleanly(servers, tocsin):
    server = servers(tocsin, CONFIG)
    _post_long_values(server)
    sock = _start_costly_get(server)
    try:
        server.proc.send_signal(signal.SIGTERM)
        # Without the stop, the evaluation would hold the process for minutes.
        assert server.proc.wait(timeout=20) == 0, server.output()
    finally:
        sock.close()


def test_alertListing_webTimeoutPassed_503WithAlertmanagerText(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--web.timeout=2s"])
    _post_long_values(server, n=1)
    status, body = http("GET", server.url + COSTLY, timeout=30)
    assert (status, body) == (503, "Exceeded configured timeout of 2s.\n")


def test_alertListing_regexOverProgramLimit_400ExpressionTooLarge(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--web.max-regex-program-size=1000"])
    status, body = http("GET", server.url + COSTLY)
    assert (status, body) == (400, "error parsing regexp: expression too large: `^(?:(.*){1000}x)$`")
