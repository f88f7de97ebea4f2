"""A real Prometheus (Debian `prometheus`) with an always-firing rule sends to `tocsin`, and
the webhook sink receives Alertmanager's notification for it (issue 3's scripted check)."""
import os
import subprocess

from conftest import HOST, free_port, require, wait_until
from server_support import fingerprint, parse_time

CONFIG = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
receivers:
- name: hook
  webhook_configs: [{url: URL/hook}]
"""

RULES = """
groups:
- name: e2e
  interval: 1s
  rules:
  - alert: AlwaysFiring
    expr: vector(1)
    labels:
      severity: page
    annotations:
      summary: "always {{ $value }}"
"""


def test_prometheus_alwaysFiringRule_webhookReceivesAlertmanagerNotification(tocsin, servers, webhook, workdir):
    prometheus = require("/usr/bin/prometheus")
    s = servers(tocsin, CONFIG.replace("URL", webhook.url))
    pdir = os.path.join(workdir, "prometheus")
    os.makedirs(pdir)
    with open(os.path.join(pdir, "rules.yml"), "w") as f:
        f.write(RULES)
    with open(os.path.join(pdir, "prometheus.yml"), "w") as f:
        f.write(f"""
global:
  evaluation_interval: 1s
  scrape_interval: 1m
rule_files: [{os.path.join(pdir, 'rules.yml')}]
alerting:
  alertmanagers:
  - api_version: v2
    static_configs:
    - targets: ['{HOST}:{s.api_port}']
""")
    port = free_port()
    log = open(os.path.join(pdir, "log.txt"), "wb")
    proc = subprocess.Popen([prometheus, f"--config.file={os.path.join(pdir, 'prometheus.yml')}",
                             f"--storage.tsdb.path={os.path.join(pdir, 'data')}",
                             f"--web.listen-address={HOST}:{port}",
                             # The first evaluation can precede Alertmanager discovery (alert
                             # dropped); resend every second instead of Prometheus' default minute.
                             "--rules.alert.resend-delay=1s"], stdout=log, stderr=subprocess.STDOUT)
    try:
        rec = wait_until(lambda: [r for r in webhook.records() if r["path"] == "/hook"], timeout=30,
                         interval=0.2, what="a notification caused by Prometheus")[0]
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
    body = rec["body"]
    labels = {"alertname": "AlwaysFiring", "severity": "page"}
    alert = body["alerts"][0]
    assert alert["labels"] == labels
    assert alert["annotations"] == {"summary": "always 1"}
    assert alert["status"] == "firing" and alert["endsAt"] == "0001-01-01T00:00:00Z"
    assert alert["fingerprint"] == fingerprint(labels)
    assert alert["generatorURL"].startswith("http://")
    assert f":{port}/graph?g0.expr=vector%281%29" in alert["generatorURL"]
    parse_time(alert["startsAt"])
    assert {k: body[k] for k in ("receiver", "status", "groupLabels", "commonLabels", "groupKey", "version",
                                 "truncatedAlerts")} == {
        "receiver": "hook", "status": "firing", "groupLabels": {"alertname": "AlwaysFiring"},
        "commonLabels": labels, "groupKey": '{}:{alertname="AlwaysFiring"}', "version": "4", "truncatedAlerts": 0}
    # Prometheus keeps re-sending; tocsin shows the alert as received through API v2.
    assert [a["labels"] for a in s.alerts()] == [labels]
