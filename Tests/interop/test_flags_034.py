"""The command-line flags of Alertmanager 0.34 (issue 14, part 2) and the silence state
filters of its API (part 4), on a real `tocsin` process.

Alertmanager 0.25 (the reference binary here) has none of these flags, so the expected
behaviour and texts are 0.34's, from its `cmd/alertmanager/main.go`, `featurecontrol`,
`provider/mem`, `dispatch` and `api/v2` (facts restated in each test).
"""
import subprocess
import time
import urllib.request

import pytest

from conftest import http, require, tocsinctl_bin, wait_until
from server_support import api_time, now_utc, metric, wait_deliveries
import deploy_support as ds

CONFIG = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: hook
  webhook_configs: [{url: URL}]
"""

# Every flag of Alertmanager 0.34's cmd/alertmanager/main.go, the exporter-toolkit web flags
# and the promslog flags it adds.
FLAGS_034 = [
    "config.file", "storage.path", "data.retention", "data.maintenance-interval", "silences.max-silences",
    "silences.max-silence-size-bytes", "log.silences", "alerts.gc-interval", "alerts.per-alertname-limit",
    "dispatch.maintenance-interval", "dispatch.start-delay", "web.external-url", "web.route-prefix",
    "web.get-concurrency", "web.timeout", "auto-gomemlimit.ratio", "cluster.listen-address",
    "cluster.advertise-address", "cluster.peer-name", "cluster.peer", "cluster.peer-timeout",
    "cluster.peers-resolve-timeout", "cluster.gossip-interval", "cluster.pushpull-interval", "cluster.tcp-timeout",
    "cluster.probe-timeout", "cluster.probe-interval", "cluster.settle-timeout", "cluster.reconnect-interval",
    "cluster.reconnect-timeout", "cluster.tls-config", "cluster.allow-insecure-public-advertise-address-discovery",
    "cluster.label", "enable-feature",
    "web.listen-address", "web.systemd-socket", "web.config.file",
    "log.level", "log.format",
]


def test_help_every034Flag_listed(tocsin):
    listed = ds.help_flags(tocsin)
    missing = [f for f in FLAGS_034 if f not in listed]
    assert not missing, f"tocsin --help lacks {missing}"


def test_startup_every034FlagSet_runsWithPeerNameAndLabel(tocsin, servers, webhook, workdir):
    features = "alert-names-in-metrics,receiver-name-in-metrics,group-key-in-metrics,utf8-strict-mode," \
               "auto-gomemlimit,event-recorder"
    extra = (
        "--data.retention=48h", "--data.maintenance-interval=10m", "--silences.max-silences=100",
        "--silences.max-silence-size-bytes=10000", "--log.silences", "--alerts.gc-interval=10m",
        "--alerts.per-alertname-limit=50", "--dispatch.maintenance-interval=20s", "--dispatch.start-delay=0s",
        "--web.external-url=http://am.example/", "--web.route-prefix=/", "--web.get-concurrency=4",
        "--web.timeout=30s", "--auto-gomemlimit.ratio=0.8", "--cluster.peer-name=tocsin-fixed-name",
        "--cluster.peer-timeout=5s", "--cluster.peers-resolve-timeout=10s", "--cluster.gossip-interval=100ms",
        "--cluster.pushpull-interval=30s", "--cluster.tcp-timeout=5s", "--cluster.probe-timeout=400ms",
        "--cluster.probe-interval=2s", "--cluster.settle-timeout=1s", "--cluster.reconnect-interval=5s",
        "--cluster.reconnect-timeout=1h", "--cluster.allow-insecure-public-advertise-address-discovery",
        "--cluster.label=prod-eu", f"--enable-feature={features}", "--web.config.file=",
        "--no-web.systemd-socket", "--log.format=logfmt",
    )
    s = servers(tocsin, CONFIG.replace("URL", webhook.url), cluster=True, extra=extra)
    status = s.status()
    assert status["cluster"]["name"] == "tocsin-fixed-name"
    assert status["config"]["original"]
    assert metric(s.url, "alertmanager_alerts_per_alert_limit") == 50
    assert s.post_alerts([{"labels": {"alertname": "Up"}}])[0] == 200
    wait_deliveries(webhook, 1)
    log = s.output()
    # Alertmanager's warn line per feature, and Tocsin's info line for the ones without effect.
    assert "Alert names in metrics enabled" in log
    assert 'feature=auto-gomemlimit' in log and "Feature accepted without effect in Tocsin" in log


@pytest.mark.parametrize("value,error", [
    ("no-such-feature", "unknown option 'no-such-feature' for --enable-feature"),
    ("classic-mode,", "unknown option '' for --enable-feature"),
    ("classic-mode,utf8-strict-mode", "cannot have both classic and UTF-8 modes enabled"),
])
def test_enableFeature_refusedList_exits1WithAlertmanagerError(tocsin, servers, value, error):
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"), start=False,
                extra=(f"--enable-feature={value}",))
    s.start(wait=False)
    assert s.proc.wait(timeout=30) == 1
    out = s.output()
    assert "error parsing the feature flag list" in out and error in out, out


def test_autoGomemlimitRatio_outOfRangeWithFeature_exits1(tocsin, servers):
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"), start=False,
                extra=("--enable-feature=auto-gomemlimit", "--auto-gomemlimit.ratio=1.5"))
    s.start(wait=False)
    assert s.proc.wait(timeout=30) == 1
    assert "--auto-gomemlimit.ratio must be greater than 0 and less than or equal to 1." in s.output()


def test_clusterLabel_over255Bytes_exits1WithMemberlistError(tocsin, servers):
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"), start=False, cluster=True,
                extra=("--cluster.label=" + "x" * 256,))
    s.start(wait=False)
    assert s.proc.wait(timeout=30) == 1
    assert "as a label: too long" in s.output()


def test_clusterLabel_sameLabelTwoNodes_formOneCluster(tocsin, servers, webhook):
    cfg = CONFIG.replace("URL", webhook.url)
    a = servers(tocsin, cfg, name="a", cluster=True, extra=("--cluster.label=blue", "--cluster.peer-name=a"))
    b = servers(tocsin, cfg, name="b", cluster=True, peers=[a.cluster_addr],
                extra=("--cluster.label=blue", "--cluster.peer-name=b"))
    wait_until(lambda: sorted(p["name"] for p in a.status()["cluster"]["peers"]) == ["a", "b"],
               timeout=30, what="both labelled nodes in a's view")


@pytest.mark.parametrize("by_name", [False, True])
def test_perAlertnameLimit_overLimit_droppedCountedRequestSucceeds(tocsin, servers, by_name):
    extra = ["--alerts.per-alertname-limit=2"] + (["--enable-feature=alert-names-in-metrics"] if by_name else [])
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"), extra=extra)
    assert metric(s.url, "alertmanager_alerts_limited_total") is None, "no series before the first drop"
    batch = [{"labels": {"alertname": "Disk", "instance": f"h{i}"}} for i in range(3)]
    batch.append({"labels": {"alertname": "Cpu", "instance": "h0"}})
    assert s.post_alerts(batch)[0] == 200
    listed = s.alerts()
    assert sorted((a["labels"]["alertname"], a["labels"]["instance"]) for a in listed) == \
        [("Cpu", "h0"), ("Disk", "h0"), ("Disk", "h1")]
    assert metric(s.url, "alertmanager_alerts_per_alert_limit") == 2
    assert metric(s.url, "alertmanager_alerts_limited_total") == 1
    if by_name:
        assert metric(s.url, "alertmanager_alerts_limited_total", {"alertname": "Disk"}) == 1
    # An update of a counted alert still goes in.
    assert s.post_alerts([{"labels": {"alertname": "Disk", "instance": "h0"}, "annotations": {"x": "y"}}])[0] == 200
    assert any(a["annotations"].get("x") == "y" for a in s.alerts())
    assert 'msg="error on set alert"' in s.output() and "alert limited" in s.output()


def test_dispatchStartDelay_alertBeforeDelay_notifiedOnlyAfterIt(tocsin, servers, webhook):
    # group_wait 0s: without the delay the alert is notified at once.
    delay = 4.0
    started = time.time()
    s = servers(tocsin, CONFIG.replace("URL", webhook.url), extra=(f"--dispatch.start-delay={int(delay)}s",))
    assert s.post_alerts([{"labels": {"alertname": "Early"}}])[0] == 200
    wait_deliveries(webhook, 1, timeout=30)
    # The process started after `started`, so the start delay ended after started + delay.
    assert webhook.records()[0]["ts"] >= started + delay


def test_logSilences_createAndExpire_loggedWithAlertmanagerFields(tocsin, servers):
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"), extra=("--log.silences",))
    status, body = s.post_silence({"matchers": [{"name": "job", "value": "db.*", "isRegex": True, "isEqual": True}],
                                   "startsAt": api_time(now_utc(0)), "endsAt": api_time(now_utc(3600)),
                                   "createdBy": "ops", "comment": "maintenance"})
    assert status == 200
    assert http("DELETE", s.url + "/api/v2/silence/" + body["silenceID"])[0] == 200
    log = s.output()
    create = next(line for line in log.splitlines() if 'msg="create silence"' in line)
    for part in (f"Id={body['silenceID']}", "CreatedBy=ops", "Comment=maintenance", 'Matchers="job=~db.*"'):
        assert part in create, create
    assert 'msg="expire silence"' in log


def test_silencesStateFilter_activeExpiredPendingSwitches_selectAsAlertmanager034(tocsin, servers):
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"))

    def post(value, start, end):
        status, body = s.post_silence({"matchers": [{"name": "n", "value": value, "isRegex": False, "isEqual": True}],
                                       "startsAt": api_time(now_utc(start)), "endsAt": api_time(now_utc(end)),
                                       "createdBy": "t", "comment": "c"})
        assert status == 200, body
        return body["silenceID"]

    post("active", 0, 3600)
    post("pending", 1800, 3600)
    gone = post("expired", 0, 3600)
    assert http("DELETE", s.url + "/api/v2/silence/" + gone)[0] == 200

    def values(query):
        return sorted(x["matchers"][0]["value"] for x in s.silences(query))

    assert values("") == ["active", "expired", "pending"]
    assert values("?active=false") == ["expired", "pending"]
    assert values("?expired=false&pending=false") == ["active"]
    assert values("?active=false&expired=false&pending=false") == []
    assert values("?pending=true&active=0&expired=no") == ["pending"]
    assert values("?expired=false&filter=n%3Dactive") == ["active"]


def test_groupKeyInMetrics_alertInGroup_alertsGaugeLabelledByGroupKey(tocsin, servers, webhook):
    s = servers(tocsin, CONFIG.replace("URL", webhook.url), extra=("--enable-feature=group-key-in-metrics",))
    assert s.post_alerts([{"labels": {"alertname": "Up", "job": "x"}}])[0] == 200
    wait_deliveries(webhook, 1)
    key = '{}:{alertname=\\"Up\\"}'
    assert metric(s.url, "alertmanager_alerts", {"group_key": key, "state": "active"}) == 1
    assert metric(s.url, "alertmanager_alerts", {"group_key": key, "state": "suppressed"}) == 0


def test_silenceAnnotations_postedAndListed_asAlertmanager034(tocsin, servers):
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"))
    body = {"matchers": [{"name": "n", "value": "v", "isRegex": False}], "startsAt": api_time(now_utc(0)),
            "endsAt": api_time(now_utc(3600)), "createdBy": "t", "comment": "c",
            "annotations": {"ticket": "OPS-1", "runbook": "https://r.example/x"}}
    status, created = s.post_silence(body)
    assert status == 200, created
    raw = urllib.request.urlopen(s.url + "/api/v2/silence/" + created["silenceID"], timeout=10).read().decode()
    # models.Silence's order: annotations (keys sorted) come before comment.
    assert '"annotations":{"runbook":"https://r.example/x","ticket":"OPS-1"},"comment":"c"' in raw, raw
    del body["annotations"]
    status, plain = s.post_silence(body)
    raw = urllib.request.urlopen(s.url + "/api/v2/silence/" + plain["silenceID"], timeout=10).read().decode()
    assert '"annotations"' not in raw, "omitted when empty, as go-openapi omits it"
    status, err = s.post_silence(dict(body, annotations={"a": 1}))
    assert status == 400 and "PostableSilence.annotations of type string" in err["message"], err


def test_tocsinctlSilenceAdd_annotationFlag_sentAndNonEqualityRefused(tocsin, servers):
    ctl = require(tocsinctl_bin())
    s = servers(tocsin, CONFIG.replace("URL", "http://127.0.0.1:1/"))
    out = subprocess.run([ctl, "--alertmanager.url", s.url, "silence", "add", "alertname=X", "-c", "work",
                          "--annotation", "ticket=OPS-2", "--annotation=owner=db"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    (listed,) = s.silences()
    assert listed["id"] == out.stdout.strip() and listed["annotations"] == {"owner": "db", "ticket": "OPS-2"}
    bad = subprocess.run([ctl, "--alertmanager.url", s.url, "silence", "add", "alertname=X", "-c", "work",
                          "--annotation", "ticket=~OPS"], capture_output=True, text=True, timeout=30)
    assert bad.returncode != 0 and "annotations must be specified as key=value pairs" in bad.stderr


def test_receiverNameInMetrics_enabled_notificationSeriesCarryTheReceiver(tocsin, servers, webhook):
    # 0.34 adds `receiver_name` after `integration` to every notification series, and creates
    # the configured receivers' series at zero instead of one per integration type.
    config = CONFIG.replace("URL", webhook.url) + "- name: unused\n  webhook_configs: [{url: http://127.0.0.1:1/}]\n"
    s = servers(tocsin, config, extra=("--enable-feature=receiver-name-in-metrics",))
    assert s.post_alerts([{"labels": {"alertname": "Up"}}])[0] == 200
    wait_deliveries(webhook, 1)
    labels = {"integration": "webhook", "receiver_name": "hook"}
    wait_until(lambda: metric(s.url, "alertmanager_notifications_total", labels) == 1, what="one notification")
    assert metric(s.url, "alertmanager_notification_requests_total", labels) == 1
    assert metric(s.url, "alertmanager_notifications_failed_total", dict(labels, reason="clientError")) == 0
    # Series exist only for receivers a route uses, and none for integration types alone.
    assert metric(s.url, "alertmanager_notifications_total", {"integration": "email"}) is None
    status, text = http("GET", s.url + "/metrics")
    assert 'alertmanager_notifications_total{integration="webhook"}' not in text


def test_receiverNameInMetrics_disabled_seriesKeepTheIntegrationLabelOnly(tocsin, servers, webhook):
    s = servers(tocsin, CONFIG.replace("URL", webhook.url))
    assert s.post_alerts([{"labels": {"alertname": "Up"}}])[0] == 200
    wait_deliveries(webhook, 1)
    wait_until(lambda: metric(s.url, "alertmanager_notifications_total", {"integration": "webhook"}) == 1,
               what="one notification")
    status, text = http("GET", s.url + "/metrics")
    assert "receiver_name" not in text
    assert metric(s.url, "alertmanager_notifications_total", {"integration": "email"}) == 0
