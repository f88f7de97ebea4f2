"""Exact webhook bodies a real sink receives (issue 3): grouping, resolved, max_alerts,
receiver escaping, retry on 5xx / no retry on 4xx, repeat_interval, partial batches.

Every scenario runs against `tocsin` and, as the reference, the real Alertmanager 0.25 with
the same expectations, so an expectation that Alertmanager does not meet is caught too.
"""
import pytest

from conftest import wait_until
from server_support import (api_time, deliveries, metric, now_utc, payload_alert,
                            quiet_for, wait_deliveries)

EXTERNAL = "http://am.example:9093"
BINARIES = ["tocsin", "alertmanager"]


@pytest.fixture(params=BINARIES)
def start(request, servers, webhook):
    """start(config_text) -> a started server of the parametrised kind, webhook URL templated in."""
    binary = request.getfixturevalue(request.param)

    def go(config):
        return servers(binary, config.replace("URL", webhook.url), extra=[f"--web.external-url={EXTERNAL}/"])
    return go


def body(receiver, status, alerts, group_labels, common_labels, common_annotations, group_key, truncated=0):
    return {"receiver": receiver, "status": status, "alerts": alerts, "groupLabels": group_labels,
            "commonLabels": common_labels, "commonAnnotations": common_annotations, "externalURL": EXTERNAL,
            "version": "4", "groupKey": group_key, "truncatedAlerts": truncated}


GROUPING = """
route:
  receiver: default
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1m
  routes:
  - matchers: ['team="db"']
    receiver: db
    group_by: [alertname, cluster]
receivers:
- name: default
  webhook_configs: [{url: URL/default}]
- name: db
  webhook_configs: [{url: URL/db}]
"""


def test_grouping_twoGroupsByLabels_oneBodyPerGroupWithAlertmanagerGroupKeys(start, webhook):
    s = start(GROUPING)
    t = now_utc()
    eu2 = {"alertname": "DiskFull", "team": "db", "cluster": "eu1", "instance": "i2"}
    eu1 = {"alertname": "DiskFull", "team": "db", "cluster": "eu1", "instance": "i1"}
    us = {"alertname": "DiskFull", "team": "db", "cluster": "us1", "instance": "i1"}
    other = {"alertname": "Other", "severity": "page"}
    batch = [{"labels": eu2, "annotations": {"summary": "disk", "host": "b"}, "startsAt": api_time(t)},
             {"labels": eu1, "annotations": {"summary": "disk", "host": "a"}, "startsAt": api_time(t)},
             {"labels": us, "startsAt": api_time(t), "generatorURL": "http://prom/graph?g0.expr=x&a=<b>"},
             {"labels": other, "startsAt": api_time(t)}]
    assert s.post_alerts(batch) == (200, None)
    db = wait_deliveries(webhook, 2, "/db")
    default = wait_deliveries(webhook, 1, "/default")
    by_key = {r["body"]["groupKey"]: r["body"] for r in db}
    eu_key = '{}/{team="db"}:{alertname="DiskFull", cluster="eu1"}'
    us_key = '{}/{team="db"}:{alertname="DiskFull", cluster="us1"}'
    assert sorted(by_key) == [eu_key, us_key]
    # Alerts of a group are sorted by instance; common labels/annotations keep identical pairs only.
    assert by_key[eu_key] == body(
        "db", "firing",
        [payload_alert(eu1, t, annotations={"summary": "disk", "host": "a"}),
         payload_alert(eu2, t, annotations={"summary": "disk", "host": "b"})],
        {"alertname": "DiskFull", "cluster": "eu1"}, {"alertname": "DiskFull", "team": "db", "cluster": "eu1"},
        {"summary": "disk"}, eu_key)
    assert by_key[us_key] == body(
        "db", "firing", [payload_alert(us, t, generator="http://prom/graph?g0.expr=x&a=<b>")],
        {"alertname": "DiskFull", "cluster": "us1"}, us, {}, us_key)
    assert default[0]["body"] == body("default", "firing", [payload_alert(other, t)], {"alertname": "Other"},
                                      other, {}, '{}:{alertname="Other"}')


RESOLVED = """
route:
  receiver: on
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  routes:
  - receiver: on
    continue: true
  - receiver: off
receivers:
- name: on
  webhook_configs: [{url: URL/on, send_resolved: true}]
- name: off
  webhook_configs: [{url: URL/off, send_resolved: false}]
"""


def test_resolved_explicitEndsAtInPast_notifiedOnlyWithSendResolved(start, webhook):
    s = start(RESOLVED)
    labels = {"alertname": "Gone", "job": "api"}
    t = now_utc(-0.5)
    assert s.post_alerts([{"labels": labels, "startsAt": api_time(t)}])[0] == 200
    wait_deliveries(webhook, 1, "/on")
    wait_deliveries(webhook, 1, "/off")
    end = now_utc(-0.2)
    assert s.post_alerts([{"labels": labels, "startsAt": api_time(t), "endsAt": api_time(end)}])[0] == 200
    on = wait_deliveries(webhook, 2, "/on")
    assert on[1]["body"] == body("on", "resolved", [payload_alert(labels, t, ends=end)], {"alertname": "Gone"},
                                 labels, {}, '{}/{}:{alertname="Gone"}')
    quiet_for(2.5)  # several group_interval flushes: send_resolved=false never sends the resolution
    assert [r["body"]["status"] for r in deliveries(webhook, "/off")] == ["firing"]
    assert len(deliveries(webhook, "/on")) == 2


TRUNCATE = r"""
route:
  receiver: 'team.a+b(c)'
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1m
receivers:
- name: 'team.a+b(c)'
  webhook_configs: [{url: URL/t, max_alerts: 2}]
"""


def test_maxAlerts_threeAlertsLimitTwo_firstTwoSentTruncatedCountedReceiverEscaped(start, webhook):
    s = start(TRUNCATE)
    t = now_utc()
    alerts = [{"alertname": "Many", "job": "j", "instance": i, **extra}
              for i, extra in (("i3", {}), ("i1", {"zone": "a"}), ("i2", {"zone": "a"}))]
    assert s.post_alerts([{"labels": a, "startsAt": api_time(t)} for a in alerts])[0] == 200
    got = wait_deliveries(webhook, 1, "/t")[0]["body"]
    # Flush order sorts by instance; common labels are computed after truncation (zone is common to i1, i2).
    assert got == body(r"team\.a\+b\(c\)", "firing", [payload_alert(alerts[1], t), payload_alert(alerts[2], t)],
                       {"alertname": "Many"}, {"alertname": "Many", "job": "j", "zone": "a"}, {},
                       '{}:{alertname="Many"}', truncated=1)


ONE_SHOT = """
route:
  receiver: r
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1m
receivers:
- name: r
  webhook_configs: [{url: URL/r}]
"""


def test_retry_sinkAnswers500Once_sameBodyResentAndCountedAsOneNotification(start, webhook):
    webhook.fail_first, webhook.fail_status = 1, 500
    s = start(ONE_SHOT)
    t = now_utc(-1)
    labels = {"alertname": "Flaky"}
    assert s.post_alerts([{"labels": labels, "startsAt": api_time(t)}])[0] == 200
    recs = wait_deliveries(webhook, 2, "/r", timeout=20)
    assert [r["status"] for r in recs] == [500, 200]
    assert recs[0]["body"] == recs[1]["body"] == body("r", "firing", [payload_alert(labels, t)], labels, labels, {},
                                                      '{}:{alertname="Flaky"}')
    wh = {"integration": "webhook"}
    wait_until(lambda: metric(s.url, "alertmanager_notifications_total", wh) == 1, what="notifications_total 1")
    assert metric(s.url, "alertmanager_notification_requests_total", wh) == 2
    assert metric(s.url, "alertmanager_notification_requests_failed_total", wh) == 1
    assert metric(s.url, "alertmanager_notifications_failed_total", wh) == 0


def test_retry_sinkAnswers404_notRetriedAndFailureCounted(start, webhook):
    webhook.status = 404
    s = start(ONE_SHOT)
    assert metric(s.url, "alertmanager_notifications_failed_total", {"integration": "webhook"}) == 0
    assert s.post_alerts([{"labels": {"alertname": "Gone404"}}])[0] == 200
    wait_deliveries(webhook, 1, "/r")
    wait_until(lambda: metric(s.url, "alertmanager_notifications_failed_total", {"integration": "webhook"}) == 1,
               what="notifications_failed_total{integration=webhook} 1")
    quiet_for(2.0)  # a retry would come after a sub-second backoff
    assert len(deliveries(webhook, "/r")) == 1
    assert metric(s.url, "alertmanager_notification_requests_total", {"integration": "webhook"}) == 1


REPEAT = """
route:
  receiver: r
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 2s
receivers:
- name: r
  webhook_configs: [{url: URL/r}]
"""


def test_repeatInterval_unchangedGroup_resentAfterRepeatIntervalNotEveryGroupInterval(start, webhook):
    s = start(REPEAT)
    t = now_utc(-1)
    labels = {"alertname": "Again", "severity": "warn"}
    assert s.post_alerts([{"labels": labels, "startsAt": api_time(t)}])[0] == 200
    recs = wait_deliveries(webhook, 2, "/r", timeout=15)
    assert recs[0]["body"] == recs[1]["body"] == body("r", "firing", [payload_alert(labels, t)], {"alertname": "Again"},
                                                      labels, {}, '{}:{alertname="Again"}')
    assert recs[1]["ts"] - recs[0]["ts"] >= 1.9, "re-sent before repeat_interval elapsed"


def test_postAlerts_batchWithInvalidAlerts_400WithAlertmanagerMessageAndValidOnesStored(tocsin, alertmanager, servers):
    t = now_utc()
    batch = [{"labels": {"alertname": "Good", "empty": ""}},
             {"labels": {"bad-name": "x"}},
             {"labels": {"alertname": "Backwards"}, "startsAt": api_time(t), "endsAt": api_time(now_utc(-3600))},
             {"labels": {"alertname": "Good2"}, "annotations": {"bad annotation": "v"}}]
    results = {}
    for name, binary in (("tocsin", tocsin), ("am", alertmanager)):
        s = servers(binary, ONE_SHOT.replace("URL", "http://127.0.0.1:9"), name=name)
        results[name] = s.post_alerts(batch)
        stored = s.alerts()
        # Empty-valued labels are dropped; only the valid alert is stored.
        assert [a["labels"] for a in stored] == [{"alertname": "Good"}], name
    assert results["tocsin"] == results["am"]
    status, msg = results["tocsin"]
    assert status == 400 and isinstance(msg, str)
    assert msg == ('invalid label set: invalid name "bad-name"; start time must be before end time; '
                   'invalid annotations: invalid name "bad annotation"')
