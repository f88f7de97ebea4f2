"""Every 0.25 HTTP integration Tocsin delivers, against the real Alertmanager 0.25.

Both processes get the same configuration (only the recording server's port differs), the
same alerts and the same external URL; each integration's URL points at a recording server
(webhook_sink.py, one per process). The requests each records must be the same: method, path,
query, content type, Authorization, User-Agent and body bytes. Nothing needs normalising
here: these payloads carry no timestamps, and dedup keys and aliases are hashes of the group
key, which both derive from the same route.

Covered: firing, resolved, a group of many alerts with long annotations (so Slack's title,
OpsGenie's message, PagerDuty's summary, Telegram's and Webex's messages are truncated), a
custom template file, secrets read from files (Slack `api_url_file`, PagerDuty
`routing_key_file`, VictorOps `api_key_file`, OAuth2 `client_secret_file`), and `http_config`
with `oauth2` (Discord: the token request is compared too), `authorization` (Webex) and
`proxy_url` with `tls_config.ca_file` (below).

Pushover and PagerDuty's v1 `service_key` API have endpoints 0.25 hard-codes; they are
reached through `http_config.proxy_url`, a proxy that plays the HTTPS service with a
certificate from a test CA given as `tls_config.ca_file` (tls_proxy.py).
"""
import base64
import os
import re
from collections import Counter

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from conftest import http, wait_until
from server_support import api_time, metric, now_utc, quiet_for
from tls_proxy import TLSProxy, make_test_ca
from webhook_sink import WebhookSink

EXTERNAL = "http://am.example:9093"
TEMPLATE = """{{ define "custom.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} on {{ len .Alerts }} targets{{ end }}
{{ define "custom.text" }}{{ range .Alerts }}* {{ .Labels.instance }}: {{ .Annotations.summary }}
{{ end }}{{ end }}
"""

CONFIG = """
global:
  resolve_timeout: 5m
templates: ['{dir}/custom.tmpl']
route:
  receiver: all
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: all
  slack_configs:
  - api_url: '{base}/slack/one'
    send_resolved: true
    channel: '#alerts'
    link_names: true
    title: '{{{{ template "custom.title" . }}}} {{{{ .CommonAnnotations.long }}}}'
    text: '{{{{ template "custom.text" . }}}}'
    mrkdwn_in: [text, title]
    fields:
    - title: Severity
      value: '{{{{ .CommonLabels.severity }}}}'
    - title: Count
      value: '{{{{ len .Alerts }}}}'
      short: false
    short_fields: true
    actions:
    - type: button
      text: 'Runbook <{{{{ .CommonLabels.alertname }}}}>'
      url: 'https://runbooks.example/{{{{ .CommonLabels.alertname }}}}'
      style: danger
      confirm:
        text: dropped, as the action has a url
    - type: button
      text: Silence
      name: silence
      value: '{{{{ .GroupLabels.alertname }}}}'
      confirm:
        text: Sure?
        title: 'Silence {{{{ .GroupLabels.alertname }}}}'
        ok_text: Yes
        dismiss_text: No
  - api_url_file: '{dir}/slack_url'
  pagerduty_configs:
  - routing_key_file: '{dir}/pd_key'
    url: '{base}/pagerduty/v2/enqueue'
    severity: '{{{{ .CommonLabels.severity }}}}'
    class: cls
    component: '{{{{ .CommonLabels.alertname }}}}'
    group: grp
    source: src & <more>
    details:
      team: '{{{{ .CommonLabels.team }}}}'
    images:
    - src: 'https://img.example/{{{{ .CommonLabels.alertname }}}}.png'
      alt: graph
      href: 'https://graph.example'
    - src: ''
      alt: dropped
    links:
    - href: 'https://link.example/{{{{ .CommonLabels.alertname }}}}'
      text: dashboard
  - service_key: v1-service-key
    description: 'v1 {{{{ template "custom.title" . }}}}'
    http_config:
      proxy_url: '{proxy}'
      tls_config:
        ca_file: '{ca}'
  pushover_configs:
  - user_key: user-key
    token: app-token
    url_title: 'Open {{{{ .CommonLabels.alertname }}}}'
    sound: siren
    retry: 1m30s
    expire: 2h
    http_config:
      proxy_url: '{proxy}'
      tls_config:
        ca_file: '{ca}'
  - user_key: user-key
    token: app-token
    html: true
    message: '<b>{{{{ .CommonLabels.alertname }}}}</b> {{{{ .CommonAnnotations.summary }}}} &'
    http_config:
      proxy_url: '{proxy}'
      tls_config:
        ca_file: '{ca}'
  opsgenie_configs:
  - api_url: '{base}/opsgenie/'
    api_key: genie-key
    update_alerts: true
    message: '{{{{ template "custom.title" . }}}} {{{{ .CommonAnnotations.long }}}}'
    entity: '{{{{ .CommonLabels.alertname }}}}'
    priority: P2
    tags: 'a,b, c,,'
    actions: 'restart,page'
    note: a note
    details:
      extra: '{{{{ .CommonLabels.severity }}}}'
    responders:
    - name: 'ops,dev'
      type: '{{{{ if true }}}}teams{{{{ end }}}}'
    - username: someone@example.com
      type: user
    - id: abc
      type: schedule
  discord_configs:
  - webhook_url: '{base}/discord/hook'
    title: '{{{{ template "custom.title" . }}}}'
    http_config:
      oauth2:
        client_id: 'client id'
        client_secret_file: '{dir}/oauth_secret'
        scopes: [alerts, 'write:all']
        token_url: '{base}/oauth2/token'
        endpoint_params:
          audience: tocsin
  telegram_configs:
  - api_url: '{base}/telegram'
    bot_token: 'tg-token'
    chat_id: -1001234
    disable_notifications: true
  - api_url: '{base}/telegram'
    bot_token: 'tg-token2'
    chat_id: 42
    parse_mode: ''
    message: '{{{{ template "custom.text" . }}}} <b>&'
  webex_configs:
  - api_url: '{base}/webex/messages'
    room_id: room-1
    http_config:
      authorization:
        credentials: webex-token
  wechat_configs:
  - api_url: '{base}/wechat/'
    api_secret: 'we secret'
    corp_id: corp-1
    to_user: '{{{{ .CommonLabels.team }}}}'
    agent_id: '1000002'
  - api_url: '{base}/wechat/'
    api_secret: 'we secret'
    corp_id: corp-1
    message_type: markdown
    send_resolved: true
  sns_configs:
  - api_url: '{base}/sns'
    sigv4:
      region: eu-west-1
      access_key: AKIDEXAMPLE
      secret_key: sns-secret
    topic_arn: 'arn:aws:sns:eu-west-1:123456789012:alerts.fifo'
    attributes:
      team: '{{{{ .CommonLabels.team }}}}'
      zz: last
  - api_url: '{base}'
    sigv4:
      region: us-east-1
      access_key: AKIDEXAMPLE
      secret_key: sns-secret
    phone_number: '+15555550100'
  victorops_configs:
  - api_url: '{base}/victorops/'
    api_key_file: '{dir}/vo_key'
    routing_key: 'team-{{{{ .CommonLabels.team }}}}'
    message_type: '{{{{ .CommonLabels.vo_type }}}}'
    custom_fields:
      runbook: 'https://runbooks.example/{{{{ .CommonLabels.alertname }}}}'
"""

# The requests one flush of one group makes: two Slack, PagerDuty, OpsGenie create + two
# updates, Discord, two Telegram, Webex, VictorOps, two WeChat sends, two SNS, two Pushover and
# one PagerDuty v1 (these three through the TLS proxy).
FIRING_REQUESTS = 18
# Resolved: Slack and WeChat only where send_resolved is set, OpsGenie closes with one request.
RESOLVED_REQUESTS = 14
# Token fetches (WeChat's `GET gettoken`, Discord's OAuth2 token) are compared as a set: two
# groups flushing at once may each fetch one before either keeps it, in Alertmanager as in Tocsin.


def setup(workdir, name, sink, proxy, ca):
    d = os.path.join(workdir, name + "-files")
    os.makedirs(d)
    with open(os.path.join(d, "custom.tmpl"), "w") as f:
        f.write(TEMPLATE)
    with open(os.path.join(d, "slack_url"), "w") as f:
        f.write(sink.url + "/slack/from-file\n")
    with open(os.path.join(d, "pd_key"), "w") as f:
        f.write("  pd-routing-key\n")
    with open(os.path.join(d, "vo_key"), "w") as f:
        f.write("vo-api-key\n")
    with open(os.path.join(d, "oauth_secret"), "w") as f:
        f.write("s3cr&t\n")
    return CONFIG.format(base=sink.url, dir=d, proxy=proxy.url, ca=ca["ca"])


def alert(labels, annotations, starts, ends=None):
    a = {"labels": labels, "annotations": annotations, "startsAt": api_time(starts)}
    if ends:
        a["endsAt"] = api_time(ends)
    return a


SIGV4 = re.compile(r"^AWS4-HMAC-SHA256 Credential=([^/]+)/\d{8}/([^/]+)/sns/aws4_request, "
                   r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$")


def check_sigv4(r):
    """An SNS request's signature is valid for its bytes (botocore recomputes it); returns the
    Authorization with the date and signature, the only variable parts, blanked."""
    h = r["headers"]
    m = SIGV4.match(h["authorization"])
    assert m, h["authorization"]
    key, region, signed, signature = m.groups()
    req = AWSRequest(method=r["method"], url=f"http://{h['host']}{r['path']}", data=base64.b64decode(r["bytes"]),
                     headers={n: h[n] for n in signed.split(";") if n != "host"})
    req.context["timestamp"] = h["x-amz-date"]
    signer = SigV4Auth(Credentials(key, "sns-secret"), "sns", region)
    expected = signer.signature(signer.string_to_sign(req, signer.canonical_request(req)), req)
    assert signature == expected, f"bad SigV4 signature on {r['path']}"
    return f"AWS4-HMAC-SHA256 Credential={key}/<date>/{region}/sns/aws4_request, SignedHeaders={signed}"


def request_view(r):
    """What must match: everything a service sees but the Host (the sinks' ports differ).
    SNS requests are checked for a valid signature, then compared without the date and
    signature; the AWS SDK's User-Agent names the Go runtime's exact version, which is blanked."""
    h = r["headers"]
    auth, agent = h.get("authorization"), h.get("user-agent")
    if auth and auth.startswith("AWS4-HMAC-SHA256"):
        auth = check_sigv4(r)
        agent = re.sub(r"\(go[0-9.]+;", "(go;", agent)
    return (r["method"], r["path"], h.get("content-type"), auth, agent,
            base64.b64decode(r["bytes"]).decode("utf-8", "replace"))


def is_token(r):
    return "/gettoken?" in r["path"] or r["path"].startswith("/oauth2/token")


def views(sink):
    return sorted(request_view(r) for r in sink.records() if not is_token(r))


def token_views(sink):
    return {request_view(r) for r in sink.records() if is_token(r)}


def wait_for(sinks, n):
    for s in sinks:
        wait_until(lambda: len([r for r in s.records() if not is_token(r)]) >= n, timeout=20,
                   what=f"{n} requests on {s.url}")
    quiet_for(1.5)


def first_difference(a, t):
    for i, (x, y) in enumerate(zip(a, t)):
        if x != y:
            at = next((j for j, (p, q) in enumerate(zip(x or "", y or "")) if p != q), min(len(x or ""), len(y or "")))
            return f"field {i} at {at}: Alertmanager {(x or '')[at - 40:at + 80]!r} / Tocsin {(y or '')[at - 40:at + 80]!r}"
    return "?"


def assert_same(sinks, n):
    got_am, got_ts = views(sinks[0]), views(sinks[1])
    assert len(got_am) == n, Counter((v[0], v[1].split("?")[0]) for v in got_am)
    assert len(got_ts) == n, Counter((v[0], v[1].split("?")[0]) for v in got_ts)
    assert [v[:5] for v in got_ts] == [v[:5] for v in got_am]
    for a, t in zip(got_am, got_ts):
        assert t == a, f"{a[0]} {a[1]} differs: {first_difference(a, t)}"
    assert token_views(sinks[1]) == token_views(sinks[0])
    return got_am


def test_receivers_firingResolvedManyAlerts_sameRequestsAsAlertmanager(tocsin, alertmanager, servers, workdir):
    sinks = [WebhookSink().start(), WebhookSink().start()]
    ca = make_test_ca(workdir, ["api.pushover.net", "events.pagerduty.com"])
    proxies = [TLSProxy(sinks[0], ca).start(), TLSProxy(sinks[1], ca).start()]
    try:
        extra = (f"--web.external-url={EXTERNAL}",)
        am = servers(alertmanager, setup(workdir, "am", sinks[0], proxies[0], ca), name="am", extra=extra)
        ts = servers(tocsin, setup(workdir, "tocsin", sinks[1], proxies[1], ca), name="tocsin", extra=extra)

        # Starting now, not in the past: an alert older than group_wait flushes its group at
        # once, possibly before the other alerts of the same POST have joined it.
        starts = now_utc()
        small = [alert({"alertname": "DiskFull", "instance": f"db{i}", "severity": "critical",
                        "team": "storage", "vo_type": "WARNING"}, {"summary": f"disk {i} is full", "long": "x" * 10},
                       starts) for i in range(2)]
        # Long annotations and a long common one: every truncating integration cuts here.
        many = [alert({"alertname": "Flood", "instance": f"host-{i:03d}", "severity": "warning", "team": "web",
                       "vo_type": "bogus"}, {"summary": "ü" * 60 + f" {i}", "long": "é" * 1100}, starts)
                for i in range(90)]
        # Over PagerDuty's 512 KB event limit (details replaced) and SNS's 256 KiB message limit.
        huge = [alert({"alertname": "Huge", "instance": "big", "severity": "info", "team": "t", "vo_type": "INFO"},
                      {"summary": "ß" * 300_000}, starts)]
        for s in (am, ts):
            assert s.post_alerts(small + many + huge)[0] == 200
        wait_for(sinks, 3 * FIRING_REQUESTS)
        assert_same(sinks, 3 * FIRING_REQUESTS)

        ended = now_utc(-1)
        resolved = [dict(a, endsAt=api_time(ended)) for a in small]
        for s in (am, ts):
            assert s.post_alerts(resolved)[0] == 200
        wait_for(sinks, 3 * FIRING_REQUESTS + RESOLVED_REQUESTS)
        got = assert_same(sinks, 3 * FIRING_REQUESTS + RESOLVED_REQUESTS)
        paths = {v[1] for v in got}
        assert any(p.endswith("/close?identifierType=alias") for p in paths)
        assert "/slack/from-file" in paths
        assert "/1/messages.json" in {p.split("?")[0] for p in paths}
        assert "/generic/2010-04-15/create_event.json" in paths
        assert any(v[1] == "/oauth2/token" for v in token_views(sinks[1]))
        assert any(v[1] == "/discord/hook" and v[3] == "Bearer oauth-token-1" for v in got)

        # The same counts for every integration. Tocsin's failed counter carries 0.34's `reason`
        # label (summed here over reasons), and like 0.34 it creates every integration's series
        # at start, where 0.25 has no discord/webex series until they are used (None = 0).
        integrations = ["discord", "email", "opsgenie", "pagerduty", "pushover", "slack", "sns", "telegram",
                        "victorops", "webex", "webhook", "wechat"]
        for name in ("alertmanager_notifications_total", "alertmanager_notifications_failed_total",
                     "alertmanager_notification_requests_total", "alertmanager_notification_requests_failed_total"):
            want = {i: metric(am.url, name, {"integration": i}) or 0.0 for i in integrations}
            assert {i: metric(ts.url, name, {"integration": i}) or 0.0 for i in integrations} == want, name
        # Two Slack configs, four flushes (three groups firing, one resolved); the one without
        # send_resolved counts its resolved flush too, as 0.25 counts it.
        assert metric(ts.url, "alertmanager_notifications_total", {"integration": "slack"}) == 8
        assert any("Custom details have been removed" in v[5] for v in got if v[1].startswith("/pagerduty"))
        assert http("GET", ts.url + "/api/v2/receivers") == http("GET", am.url + "/api/v2/receivers")
    finally:
        for s in proxies + sinks:
            s.stop()


RETRY_CONFIG = """
route:
  receiver: r500
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1m
  routes:
  - matchers: [case="429"]
    receiver: r429
  - matchers: [case="400"]
    receiver: r400
receivers:
- name: r500
  discord_configs: [{{webhook_url: '{s500}/d'}}]
- name: r429
  discord_configs: [{{webhook_url: '{s429}/d'}}]
- name: r400
  discord_configs: [{{webhook_url: '{s400}/d'}}]
"""


def test_receivers_serverErrorRateLimitAndClientError_retriedAsTheStatusSays(tocsin, servers):
    """5xx is retried, 4xx is not, 429 is retried no sooner than its Retry-After (a Tocsin
    addition: 0.25 retries 429 only for OpsGenie and PagerDuty, and never waits for it)."""
    s500, s429, s400 = (WebhookSink(fail_first=1, fail_status=code).start() for code in (500, 429, 400))
    s429.retry_after = "2"
    try:
        ts = servers(tocsin, RETRY_CONFIG.format(s500=s500.url, s429=s429.url, s400=s400.url))
        starts = now_utc()
        assert ts.post_alerts([alert({"alertname": f"A{code}", "case": code}, {}, starts)
                               for code in ("500", "429", "400")])[0] == 200
        for sink in (s500, s429):
            wait_until(lambda: len(sink.records()) == 2, timeout=15, what=f"a retry on {sink.url}")
        # Counted with 0.34's reason for a 4xx answer.
        wait_until(lambda: metric(ts.url, "alertmanager_notifications_failed_total",
                                  {"integration": "discord", "reason": "clientError"}) == 1,
                   timeout=15, what="the 400 counted as failed (clientError)")
        assert metric(ts.url, "alertmanager_notifications_failed_total", {"integration": "discord"}) == 1
        quiet_for(1.0)
        assert [r["status"] for r in s500.records()] == [500, 200]
        first, second = s429.records()
        assert (first["status"], second["status"]) == (429, 200)
        assert second["ts"] - first["ts"] >= 2.0
        assert [r["status"] for r in s400.records()] == [400]
    finally:
        for s in (s500, s429, s400):
            s.stop()
