"""Server lifecycle of `tocsin` as a process (issues 3 and 4): reload by SIGHUP and
`POST /-/reload`, external URL and route prefix, snapshots written on SIGTERM and loaded on
restart, a corrupt silences snapshot, an invalid config at startup, API v1's 410.

Where Alertmanager 0.25's exact text matters (reload errors, config errors) the real
Alertmanager runs the same scenario and the texts are compared.
"""
import os
import re
import signal
import subprocess

import pytest

from conftest import http, wait_until
from server_support import (api_time, deliveries, delimited_messages, field, metric, now_utc, quiet_for,
                            wait_deliveries)

ROUTE_TO = """
route:
  receiver: {name}
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: a
  webhook_configs: [{{url: URL/a}}]
- name: b
  webhook_configs: [{{url: URL/b}}]
"""

BAD = ROUTE_TO.format(name="nope")
RELOAD_ERROR = 'undefined receiver "nope" used in route'


def config(name, sink):
    return ROUTE_TO.format(name=name).replace("URL", sink.url)


def rewrite(server, text):
    with open(server.config_path, "w") as f:
        f.write(text)


def fire(server, alertname):
    assert server.post_alerts([{"labels": {"alertname": alertname}}])[0] == 200


def test_reload_sighup_newRouteTakesEffect(tocsin, servers, webhook):
    s = servers(tocsin, config("a", webhook))
    fire(s, "Before")
    wait_deliveries(webhook, 1, "/a")
    old_hash = metric(s.url, "alertmanager_config_hash")
    rewrite(s, config("b", webhook))
    s.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: metric(s.url, "alertmanager_config_hash") != old_hash, what="config hash to change")
    fire(s, "After")
    # As in Alertmanager, the new dispatcher regroups every stored alert and the nflog key
    # includes the receiver, so the earlier group is notified to the new receiver too.
    recs = wait_deliveries(webhook, 2, "/b")
    assert sorted(r["body"]["groupKey"] for r in recs) == ['{}:{alertname="After"}', '{}:{alertname="Before"}']
    assert metric(s.url, "alertmanager_config_last_reload_successful") == 1


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_reload_httpBadThenGood_500WithErrorOldConfigServesMetricTracksResult(kind, request, servers, webhook):
    s = servers(request.getfixturevalue(kind), config("a", webhook))
    assert metric(s.url, "alertmanager_config_last_reload_successful") == 1
    rewrite(s, BAD.replace("URL", webhook.url))
    status, text = http("POST", s.url + "/-/reload")
    assert (status, text.strip()) == (500, f"failed to reload config: {RELOAD_ERROR}")
    assert metric(s.url, "alertmanager_config_last_reload_successful") == 0
    assert RELOAD_ERROR.replace('"', '\\"') in s.output()  # logfmt-quoted
    fire(s, "StillOld")  # the old configuration keeps routing
    assert wait_deliveries(webhook, 1, "/a")[0]["body"]["groupKey"] == '{}:{alertname="StillOld"}'
    rewrite(s, config("b", webhook))
    assert http("POST", s.url + "/-/reload")[0] == 200
    assert metric(s.url, "alertmanager_config_last_reload_successful") == 1
    fire(s, "New")
    recs = wait_deliveries(webhook, 2, "/b")
    assert sorted(r["body"]["groupKey"] for r in recs) == ['{}:{alertname="New"}', '{}:{alertname="StillOld"}']


def ready_at(server, path):
    """True once `path` answers 200; fails at once if the process died."""
    assert server.proc.poll() is None, server.output()
    try:
        return http("GET", server.url + path, timeout=1)[0] == 200
    except OSError:
        return False


@pytest.mark.parametrize("flags,prefix,external", [
    (["--web.external-url=http://proxy.example:8080/am/"], "/am", "http://proxy.example:8080/am"),
    (["--web.external-url=http://proxy.example/ext", "--web.route-prefix=custom/"], "/custom",
     "http://proxy.example/ext"),
])
def test_webPrefix_externalUrlAndRoutePrefix_apiUnderPrefixAndExternalUrlInPayload(
        tocsin, servers, webhook, flags, prefix, external):
    s = servers(tocsin, config("a", webhook), start=False, extra=flags).start(wait=False)
    wait_until(lambda: ready_at(s, prefix + "/-/ready"), timeout=20, what="/-/ready under the prefix")
    assert http("GET", s.url + "/api/v2/status")[0] == 404
    status, st = http("GET", s.url + prefix + "/api/v2/status")
    assert status == 200 and st["cluster"]["status"] == "disabled"
    assert http("POST", s.url + prefix + "/api/v2/alerts", [{"labels": {"alertname": "Prefixed"}}])[0] == 200
    body = wait_deliveries(webhook, 1, "/a")[0]["body"]
    assert body["externalURL"] == external
    assert http("GET", s.url + prefix + "/metrics")[0] == 200


def test_restart_afterSigterm_snapshotsWrittenSilenceKeptAndNotifiedGroupNotResent(tocsin, servers, webhook):
    text = config("a", webhook)
    s = servers(tocsin, text, name="n")
    t = now_utc(-5)
    fire_at = [{"labels": {"alertname": "Once"}, "startsAt": api_time(t)}]
    assert s.post_alerts(fire_at)[0] == 200
    wait_deliveries(webhook, 1, "/a")
    status, created = s.post_silence({"matchers": [{"name": "alertname", "value": "Other", "isRegex": False}],
                                      "startsAt": api_time(now_utc()), "endsAt": api_time(now_utc(3600)),
                                      "createdBy": "ops", "comment": "kept across restarts"})
    assert status == 200
    before = [x for x in s.silences() if x["id"] == created["silenceID"]]
    s.stop()
    assert s.proc.returncode == 0
    data_dir = os.path.join(s.dir, "data")
    sil = delimited_messages(open(os.path.join(data_dir, "silences"), "rb").read())
    assert [field(field(m, 1)[0], 1)[0].decode() for m in sil] == [created["silenceID"]]
    nfl = delimited_messages(open(os.path.join(data_dir, "nflog"), "rb").read())
    assert [field(field(m, 1)[0], 1)[0].decode() for m in nfl] == ['{}:{alertname="Once"}']

    s2 = servers(tocsin, text, name="n")
    assert s2.silences() == before
    assert s2.post_alerts(fire_at)[0] == 200  # Prometheus re-sends; the group was already notified
    fire(s2, "Fresh")
    wait_deliveries(webhook, 2, "/a")
    quiet_for(2.5)  # two more group_interval flushes of the restored group
    assert [r["body"]["groupKey"] for r in deliveries(webhook, "/a")] == ['{}:{alertname="Once"}',
                                                                          '{}:{alertname="Fresh"}']


def test_restart_truncatedOrGarbageSilencesSnapshot_reportedInLogAndServerStarts(tocsin, servers, webhook):
    # Deliberate difference: Alertmanager 0.25 refuses to start on a corrupt snapshot; tocsin
    # logs the error, keeps the entries before the damage and serves (issue 4).
    text = config("a", webhook)
    s = servers(tocsin, text, name="n")
    for name in ("one", "two"):
        assert s.post_silence({"matchers": [{"name": "alertname", "value": name, "isRegex": False}],
                               "startsAt": api_time(now_utc()), "endsAt": api_time(now_utc(3600)),
                               "createdBy": "ops", "comment": name})[0] == 200
    s.stop()
    path = os.path.join(s.dir, "data", "silences")
    raw = open(path, "rb").read()
    first_id = field(field(delimited_messages(raw)[0], 1)[0], 1)[0].decode()
    with open(path, "wb") as f:
        f.write(raw[:-3])
    s2 = servers(tocsin, text, name="n")
    assert [x["id"] for x in s2.silences()] == [first_id]
    kept = s2.silences()[0]["comment"]  # "one" or "two": the file's order is the map's
    assert re.search(r"level=error .*silences", s2.output()), s2.output()[-2000:]
    assert open(path + ".corrupt", "rb").read() == raw[:-3]  # kept for the operator
    # The file was rewritten from what could be read, so a change made now is appended to an
    # intact file and survives a kill -9.
    assert s2.post_silence({"matchers": [{"name": "alertname", "value": "three", "isRegex": False}],
                            "startsAt": api_time(now_utc()), "endsAt": api_time(now_utc(3600)),
                            "createdBy": "ops", "comment": "three"})[0] == 200
    s2.kill9()
    s2 = servers(tocsin, text, name="n")
    assert sorted(x["comment"] for x in s2.silences()) == sorted([kept, "three"])
    s2.stop()
    with open(path, "wb") as f:
        f.write(b"\xff\xff\xff\xff\xff\xff\x01garbage")
    s3 = servers(tocsin, text, name="n")
    assert s3.silences() == []
    assert len(re.findall(r"level=error .*silences", s3.output())) >= 2


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_startup_invalidConfig_exits1WithAlertmanagerErrorInLog(kind, request, servers, webhook):
    s = servers(request.getfixturevalue(kind), BAD.replace("URL", webhook.url), start=False)
    proc = subprocess.run(s.args(), capture_output=True, text=True, timeout=30)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    line = next(ln for ln in out.splitlines() if 'msg="Loading configuration file failed"' in ln)
    err = re.search(r'err="((?:[^"\\]|\\.)*)"', line).group(1).replace('\\"', '"')
    # Deliberate: tocsin's log adds " (line N)" after Alertmanager's text (the HTTP reload answer does not).
    assert re.fullmatch(re.escape(RELOAD_ERROR) + (r"( \(line \d+\))?" if kind == "tocsin" else ""), err), line


def test_apiV1_anyRoute_410Deprecated(tocsin, servers, webhook):
    # Deliberate: answered as Alertmanager 0.27+ does (0.25 still served v1).
    s = servers(tocsin, config("a", webhook))
    expected = {"status": "deprecated",
                "error": "The Alertmanager v1 API was deprecated in version 0.16.0 and is removed as of version "
                         "0.27.0 - please use the equivalent route in the v2 API"}
    assert http("GET", s.url + "/api/v1/alerts") == (410, expected)
    assert http("POST", s.url + "/api/v1/alerts", [{"labels": {"a": "b"}}]) == (410, expected)
    assert http("GET", s.url + "/api/v1/silences")[0] == 410
