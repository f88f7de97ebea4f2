"""tocsin delivers the exact webhook payload Alertmanager 0.25 would (issue 3)."""
import json

from conftest import wait_until

CONFIG = """
route:
  receiver: team.a
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
receivers:
- name: team.a
  webhook_configs:
  - url: {url}/hook
"""


def test_webhook_firingAlert_payloadInAlertmanagerFormat(tocsin, servers, webhook):
    s = servers(tocsin, CONFIG.format(url=webhook.url))
    status, _ = s.post_alerts([{"labels": {"alertname": "HighCPU", "instance": "h1", "job": "node"},
                                "annotations": {"summary": "CPU <high> & rising"},
                                "startsAt": "2026-01-02T03:04:05.678Z",
                                "generatorURL": "http://prom:9090/graph?g0.expr=up"}])
    assert status == 200
    rec = wait_until(lambda: webhook.records(), timeout=10, what="a webhook delivery")[0]
    body = rec["body"]
    assert rec["path"] == "/hook"
    assert body == {
        "receiver": "team\\.a",
        "status": "firing",
        "alerts": [{
            "status": "firing",
            "labels": {"alertname": "HighCPU", "instance": "h1", "job": "node"},
            "annotations": {"summary": "CPU <high> & rising"},
            "startsAt": "2026-01-02T03:04:05.678Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prom:9090/graph?g0.expr=up",
            "fingerprint": body["alerts"][0]["fingerprint"],
        }],
        "groupLabels": {"alertname": "HighCPU"},
        "commonLabels": {"alertname": "HighCPU", "instance": "h1", "job": "node"},
        "commonAnnotations": {"summary": "CPU <high> & rising"},
        "externalURL": body["externalURL"],
        "version": "4",
        "groupKey": '{}:{alertname="HighCPU"}',
        "truncatedAlerts": 0,
    }
    assert len(body["alerts"][0]["fingerprint"]) == 16
