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
# The probe's 100 KB label values are over the default --alerts.max-label-value-bytes.
LONG_VALUES = "--alerts.max-label-value-bytes=200000"


def _post_long_values(server, n=3):
    # Each alert costs minutes to filter in a debug build, tens of seconds in a release one.
    status, body = server.post_alerts([{"labels": {"alertname": f"A{i}", "v": "a" * 100_000}} for i in range(n)])
    assert status == 200, body


def _start_costly_get(server, path=COSTLY):
    """Sends the costly GET on a raw socket (left open) and waits until it is being served."""
    sock = socket.create_connection((HOST, server.api_port))
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    wait_until(lambda: metric(server.url, "alertmanager_http_requests_in_flight") == 1, timeout=10,
               what="the costly GET in flight")
    return sock


def test_alertListing_clientLeavesCostlyFilter_evaluationStopsAndNextGetServed(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--web.get-concurrency=1", LONG_VALUES])
    _post_long_values(server)
    sock = _start_costly_get(server)
    quiet_for(1)
    sock.close()
    # With one GET slot, the next listing is served only once the abandoned one stopped.
    wait_until(lambda: metric(server.url, "alertmanager_http_requests_in_flight") == 0, timeout=20,
               what="the abandoned GET to stop")
    status, body = http("GET", server.url + "/api/v2/alerts")
    assert status == 200 and len(body) == 3


def test_groupsListing_costlyFilterRunning_dispatcherStillIngestsAndServes(servers, tocsin):
    # The groups view used to filter inside the dispatcher, so a costly filter held up every
    # ingest and every other groups listing until it ended (minutes here).
    server = servers(tocsin, CONFIG, extra=[LONG_VALUES])
    _post_long_values(server)
    sock = _start_costly_get(server, COSTLY.replace("/alerts?", "/alerts/groups?"))
    try:
        status, body = server.post_alerts([{"labels": {"alertname": "Fresh"}}])
        assert status == 200, body

        def fresh_listed():
            status, groups = http("GET", server.url + "/api/v2/alerts/groups?filter=alertname%3DFresh", timeout=30)
            return status == 200 and [[a["labels"]["alertname"] for a in g["alerts"]] for g in groups] == [["Fresh"]]
        wait_until(fresh_listed, timeout=30, what="the new alert grouped and listed beside the costly listing")
        assert metric(server.url, "alertmanager_http_requests_in_flight") >= 1, "the costly listing is still running"
    finally:
        sock.close()


def test_server_sigtermDuringCostlyFilter_exitsCleanly(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=[LONG_VALUES])
    _post_long_values(server)
    sock = _start_costly_get(server)
    try:
        server.proc.send_signal(signal.SIGTERM)
        # Without the stop, the evaluation would hold the process for minutes.
        assert server.proc.wait(timeout=20) == 0, server.output()
    finally:
        sock.close()


def test_alertListing_webTimeoutPassed_503WithAlertmanagerText(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--web.timeout=2s", LONG_VALUES])
    _post_long_values(server, n=1)
    status, body = http("GET", server.url + COSTLY, timeout=30)
    assert (status, body) == (503, "Exceeded configured timeout of 2s.\n")


def test_alertListing_regexOverProgramLimit_400ExpressionTooLarge(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--web.max-regex-program-size=1000"])
    status, body = http("GET", server.url + COSTLY)
    assert (status, body) == (400, "error parsing regexp: expression too large: `^(?:(.*){1000}x)$`")


def test_alertPost_overLabelLimits_goodAlertsKeptRefusalsCountedLoggedOnce(servers, tocsin):
    server = servers(tocsin, CONFIG, extra=["--alerts.max-label-value-bytes=10", "--alerts.max-alerts-per-request=5"])
    bad = {"labels": {"alertname": "Bad", "v": "x" * 11}}
    for _ in range(3):
        status, body = server.post_alerts([bad, {"labels": {"alertname": "Good"}}])
        assert (status, body) == (400, "invalid label set: the value of v has 11 bytes, more than the limit of 10")
    assert [a["labels"]["alertname"] for a in server.alerts()] == ["Good"]
    status, body = server.post_alerts([{"labels": {"alertname": f"A{i}"}} for i in range(6)])
    assert (status, body) == (400, "too many alerts in one request: 6, more than the limit of 5")
    assert metric(server.url, "tocsin_api_rejected_total", {"reason": "label_value_too_long"}) == 3
    assert metric(server.url, "tocsin_api_rejected_total", {"reason": "too_many_alerts_in_request"}) == 1
    logged = [line for line in server.output().splitlines() if "Refused API input over a limit" in line]
    assert len(logged) == 2, logged


def test_server_limitFlagZero_refusedAtStart(tocsin, workdir):
    import os
    import subprocess
    r = subprocess.run([os.path.abspath(tocsin), "--web.max-request-body-bytes=0", "--cluster.listen-address="],
                       capture_output=True, text=True, timeout=30, cwd=workdir)
    assert r.returncode != 0 and "--web.max-request-body-bytes must be positive" in r.stderr
