"""Email from tocsin and from the real Alertmanager 0.25, for the same alerts and the same
default templates, arrive at a real SMTP server (Tests/interop/smtp_sink.py, aiosmtpd)
with the same subject and the same text part (issue 6)."""
import email
import email.policy
import json
import os
import subprocess
import sys

from conftest import SMTP_SINK, free_port, require, wait_until

CONFIG = """
global:
  smtp_smarthost: '127.0.0.1:{port}'
  smtp_from: 'alertmanager@example.org'
  smtp_require_tls: false
route:
  receiver: mail
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
receivers:
- name: mail
  email_configs:
  - to: 'oncall@example.org'
    send_resolved: true
    text: '{{{{ template "__subject" . }}}}{{{{ "\\n" }}}}{{{{ template "__text_alert_list" .Alerts }}}}'
"""

ALERTS = [
    {"labels": {"alertname": "DiskFull", "instance": "db-1", "severity": "critical", "team": "storage"},
     "annotations": {"summary": "Disk /var is 97% full", "description": "Ünïcode & <html> chars"},
     "startsAt": "2026-01-02T03:04:05Z", "generatorURL": "http://prom:9090/graph?g0.expr=disk"},
    {"labels": {"alertname": "DiskFull", "instance": "db-2", "severity": "critical", "team": "storage"},
     "annotations": {"summary": "Disk /var is 91% full"},
     "startsAt": "2026-01-02T03:04:06Z", "generatorURL": "http://prom:9090/graph?g0.expr=disk"},
]


def start_sink(workdir, name):
    port = free_port()
    out = os.path.join(workdir, f"{name}.jsonl")
    py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    proc = subprocess.Popen([py, SMTP_SINK, "--port", str(port), "--out", out,
                             "--max-seconds", "120"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return proc, port, out


def read_mails(out):
    if not os.path.exists(out):
        return []
    with open(out) as f:
        return [json.loads(line) for line in f if line.strip()]


def text_part(raw):
    msg = email.message_from_string(raw, policy=email.policy.default)
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            return part.get_content()
    return None


def deliver(binary, servers, workdir, name):
    proc, port, out = start_sink(workdir, name)
    try:
        wait_until(lambda: _listening(port), timeout=10, what="smtp sink")
        s = servers(binary, CONFIG.format(port=port), name=name)
        status, _ = s.post_alerts(ALERTS)
        assert status == 200
        return wait_until(lambda: read_mails(out), timeout=20, what=f"mail from {name}")[0]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _listening(port):
    import socket
    with socket.socket() as c:
        return c.connect_ex(("127.0.0.1", port)) == 0


def test_email_defaultTemplates_subjectAndTextEqualAlertmanager(tocsin, alertmanager, servers, workdir):
    require(SMTP_SINK)
    ours = deliver(tocsin, servers, workdir, "tocsin")
    theirs = deliver(alertmanager, servers, workdir, "alertmanager")
    assert ours["subject"] == theirs["subject"] == "[FIRING:2] DiskFull (critical storage)"
    assert ours["rcpt_tos"] == theirs["rcpt_tos"] == ["oncall@example.org"]
    assert ours["mail_from"] == theirs["mail_from"]
    assert text_part(ours["data"]) == text_part(theirs["data"])
    assert "Ünïcode & <html> chars" in text_part(ours["data"])
