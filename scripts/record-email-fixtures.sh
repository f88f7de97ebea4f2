#!/usr/bin/env bash
# Records what the real Alertmanager 0.25 (Debian's prometheus-alertmanager) sends by email for
# fixed alerts, into OUT (default ./email-capture.jsonl, one JSON line per mail as recorded by
# the repository's SMTP sink, Tests/interop/smtp_sink.py). Tests/NotifiersTests/EmailFixtures.swift keeps the subject and
# text parts of such a run; the alerts below must match EmailRealAlertmanagerTests.
#   scripts/record-email-fixtures.sh [OUT]
set -euo pipefail
OUT=$(realpath -m "${1:-email-capture.jsonl}")
SINK=${SMTP_SINK:-$(cd "$(dirname "$0")/.." && pwd)/Tests/interop/smtp_sink.py}
WORK=$(mktemp -d)
SMTP_PORT=${SMTP_PORT:-25931}; WEB_PORT=${WEB_PORT:-29093}
cleanup() { [ -n "${AM_PID:-}" ] && kill "$AM_PID" 2>/dev/null; [ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
cat > "$WORK/am.yml" <<YML
global:
  smtp_smarthost: 127.0.0.1:$SMTP_PORT
  smtp_from: alertmanager@example.org
  smtp_require_tls: false
route:
  receiver: mail
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: mail
  email_configs:
  - to: oncall@example.org, second@example.org
    send_resolved: true
    text: '{{ template "__text_alert_list" .Alerts }}'
YML
rm -f "$OUT"
/usr/bin/python3 "$SINK" --port "$SMTP_PORT" --out "$OUT" --max-seconds 120 &
SINK_PID=$!
prometheus-alertmanager --config.file="$WORK/am.yml" --storage.path="$WORK/data" \
  --web.listen-address=127.0.0.1:$WEB_PORT --cluster.listen-address= \
  --web.external-url=http://am.example:9093 >"$WORK/am.log" 2>&1 &
AM_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$WEB_PORT/-/ready" >/dev/null && break; sleep 0.2; done
post() { curl -sf -XPOST -H 'Content-Type: application/json' "http://127.0.0.1:$WEB_PORT/api/v2/alerts" -d "$1" >/dev/null; }
# Group 1: two firing alerts, a non-ASCII common label (Q-encoded subject).
post '[{"labels":{"alertname":"DiskFull","instance":"db1:9100","severity":"critical","team":"stockage-é"},
        "annotations":{"summary":"Disk / is 95% full","description":"Free space < 5% on db1 = trouble"},
        "generatorURL":"http://prom.example/graph?g0.expr=disk&g0.tab=1","startsAt":"2024-03-01T10:00:00Z"},
       {"labels":{"alertname":"DiskFull","instance":"db2:9100","severity":"critical","team":"stockage-é"},
        "annotations":{"summary":"Disk /var is 97% full"},
        "generatorURL":"http://prom.example/graph?g0.expr=disk2","startsAt":"2024-03-01T10:01:00Z"}]'
# Group 2: one alert, notified firing, then resolved (send_resolved: true).
post '[{"labels":{"alertname":"HighLatency","service":"api"},"annotations":{"summary":"p99 above 1s"},
        "startsAt":"2024-03-01T09:00:00Z"}]'
wait_mails() { for _ in $(seq 50); do [ "$( (wc -l <"$OUT") 2>/dev/null || echo 0)" -ge "$1" ] && return; sleep 0.2; done; }
wait_mails 2
post '[{"labels":{"alertname":"HighLatency","service":"api"},"annotations":{"summary":"p99 above 1s"},
        "startsAt":"2024-03-01T09:00:00Z","endsAt":"2024-03-01T09:30:00Z"}]'
wait_mails 3
wc -l "$OUT"
