"""The receivers Alertmanager added after 0.25 (Microsoft Teams, Teams Workflows, Mattermost,
Rocket.Chat, Jira, incident.io) delivering from a real tocsin process to a local HTTP server that plays
each service (webhook_sink.py with a responder; for Jira it answers search, create, update
and transitions the way Jira's REST API 2 does). What is asserted is what Alertmanager 0.34
sends (notify/<name>/*.go at 68fb2d575): paths, methods, headers and body fields.
"""
import hashlib
import os
import threading

from conftest import wait_until
from server_support import api_time, metric, now_utc
from tls_proxy import TLSProxy, make_test_ca
from web_tls_support import server_tls_context
from webhook_sink import WebhookSink

GROUP_KEY = '{}:{alertname="DiskFull"}'
ALERT_LABEL = "ALERT{%s}" % hashlib.sha256(GROUP_KEY.encode()).hexdigest()


class FakeJira:
    """Jira's issue API, just enough for Alertmanager's calls: one project, issues by label."""

    def __init__(self):
        self.lock = threading.Lock()
        self.issues = {}  # key -> {"labels": [...], "category": "new" | "done"}

    def __call__(self, method, path, body):
        if not path.startswith("/jira/rest/api/2/"):
            return None
        rest = path[len("/jira/rest/api/2/"):]
        with self.lock:
            if method == "POST" and rest == "search":
                label = body["jql"].split('labels="')[1].split('"')[0]
                # Done issues are found only by a reopen search (resolved within the reopen window).
                reopen = "resolutiondate >= -60m" in body["jql"]
                found = [{"key": k, "fields": {"status": {"name": i["category"], "statusCategory": {"key": i["category"]}}}}
                         for k, i in self.issues.items() if label in i["labels"] and (reopen or i["category"] != "done")]
                return 200, {"startAt": 0, "maxResults": 2, "total": len(found), "issues": found}
            if method == "POST" and rest == "issue":
                key = f"OPS-{len(self.issues) + 1}"
                self.issues[key] = {"labels": body["fields"]["labels"], "category": "new"}
                return 201, {"id": "10000", "key": key, "self": "http://jira/rest/api/2/issue/10000"}
            if method == "PUT" and rest.startswith("issue/"):
                return 204, {}
            if method == "GET" and rest.endswith("/transitions"):
                return 200, {"expand": "transitions", "transitions": [
                    {"id": "11", "name": "Reopen"}, {"id": "31", "name": "Done"}]}
            if method == "POST" and rest.endswith("/transitions"):
                key = rest.split("/")[1]
                self.issues[key]["category"] = "done" if body["transition"]["id"] == "31" else "new"
                return 204, {}
        return 404, {"errorMessages": ["not found"]}


def rocketchat(method, path, body):
    return (200, {"success": True, "message": {"_id": "m1"}}) if path.startswith("/rc/") else None


class FakeIncidentio:
    """incident.io's alert source endpoint; rate-limits the first request (429) as it may."""

    def __init__(self):
        self.calls = 0

    def __call__(self, method, path, body):
        if path != "/iio":
            return None
        self.calls += 1
        if self.calls == 1:
            return 429, {"message": "Too many requests", "errors": ["rate limited"]}
        return 202, {"status": "success", "deduplication_key": "k"}


def config(sink, url_file):
    return f"""
global:
  jira_api_url: {sink.url}/jira/rest/api/2
  rocketchat_api_url: {sink.url}/rc/
  rocketchat_token: tok-123
  rocketchat_token_id: user-9
route:
  receiver: all
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
- name: all
  msteams_configs:
  - webhook_url: {sink.url}/teams
  msteamsv2_configs:
  - webhook_url_file: {url_file}
  mattermost_configs:
  - webhook_url: {sink.url}/mattermost
    channel: town-square
    priority: {{priority: Urgent, requested_ack: true}}
  rocketchat_configs:
  - channel: "#ops"
    send_resolved: true
    fields: [{{title: Instances, value: "{{{{ len .Alerts }}}}"}}]
  jira_configs:
  - project: OPS
    issue_type: Bug
    labels: ["{{{{ .Receiver }}}}"]
    resolve_transition: Done
    reopen_transition: Reopen
    reopen_duration: 1h
    fields:
      customfield_10001: "{{{{ .CommonLabels.team }}}}"
      customfield_10002: "3"
  incidentio_configs:
  - url: {sink.url}/iio
    alert_source_token: src-token
    max_alerts: 1
"""


def alert(instance, ends=None):
    a = {"labels": {"alertname": "DiskFull", "instance": instance, "team": "storage", "severity": "critical"},
         "annotations": {"summary": "disk <95%> & rising"}, "startsAt": api_time(now_utc(-60))}
    if ends is not None:
        a["endsAt"] = api_time(ends)
    return a


def on(sink, path_prefix, method=None):
    return [r for r in sink.records() if r["path"].startswith(path_prefix) and (method is None or r["method"] == method)]


def wait_for(sink, path_prefix, n, method=None):
    return wait_until(lambda: (lambda rs: rs if len(rs) >= n else None)(on(sink, path_prefix, method)),
                      timeout=20, what=f"{n} requests on {path_prefix}")


def test_post025Receivers_firingUpdatedResolvedGroup_deliverAsAlertmanager034(tocsin, servers, webhook, workdir):
    jira = FakeJira()
    iio = FakeIncidentio()
    webhook.responder = lambda m, p, b: jira(m, p, b) or rocketchat(m, p, b) or iio(m, p, b)
    url_file = os.path.join(workdir, "flow-url")
    with open(url_file, "w") as f:
        f.write(f"  {webhook.url}/flow\n")
    server = servers(tocsin, config(webhook, url_file))
    assert server.post_alerts([alert("db-1")])[0] == 200

    # First flush: every integration sends; Jira searches, finds nothing, creates the issue.
    teams = wait_for(webhook, "/teams", 1)[0]
    assert teams["method"] == "POST" and teams["headers"]["content-type"] == "application/json"
    assert teams["headers"]["user-agent"].startswith("Alertmanager/")
    card = teams["body"]
    assert list(card) == ["@context", "type", "title", "summary", "text", "themeColor"]
    assert card["type"] == "MessageCard" and card["themeColor"] == "8C1A1A"
    assert card["title"] == card["summary"] == "[FIRING:1] DiskFull (db-1 critical storage)"
    assert "\n# Alerts Firing:\n\nLabels:\n  - alertname = DiskFull\n" in card["text"]
    assert "  - summary = disk <95%> & rising\n" in card["text"]

    flow = wait_for(webhook, "/flow", 1)[0]["body"]
    blocks = flow["attachments"][0]["content"]["body"]
    assert flow["type"] == "message" and flow["attachments"][0]["contentUrl"] is None
    assert blocks[0]["color"] == "Attention" and blocks[0]["text"] == card["title"]
    assert blocks[1] == {"type": "TextBlock", "text": card["text"], "wrap": True}

    mm = wait_for(webhook, "/mattermost", 1)[0]["body"]
    assert list(mm) == ["channel", "username", "attachments", "priority"]
    assert mm["priority"] == {"priority": "urgent", "requested_ack": True}
    assert mm["attachments"][0]["color"] == "danger" and mm["attachments"][0]["text"] == card["text"]
    assert mm["attachments"][0]["fallback"] == card["title"] + " | " + mm["attachments"][0]["title_link"]

    rc = wait_for(webhook, "/rc/", 1)[0]
    assert rc["path"] == "/rc/api/v1/chat.postMessage"
    assert rc["headers"]["x-auth-token"] == "tok-123" and rc["headers"]["x-user-id"] == "user-9"
    assert rc["body"] == {"channel": "#ops", "attachments": [{
        "title": card["title"], "title_link": mm["attachments"][0]["title_link"], "color": "red",
        "fields": [{"short": False, "title": "Instances", "value": "1"}]}]}

    created = wait_for(webhook, "/jira/rest/api/2/issue", 1, method="POST")[0]
    search = on(webhook, "/jira/rest/api/2/search")[0]
    assert search["headers"]["accept-language"] == "en"
    # With a reopen transition, a firing group also looks for issues resolved within reopen_duration.
    assert search["body"] == {"fields": ["status"], "maxResults": 2, "jql": (
        '(resolutiondate is EMPTY OR resolutiondate >= -60m) and '
        f'project="OPS" and labels="{ALERT_LABEL}" order by status ASC,resolutiondate DESC')}
    fields = created["body"]["fields"]
    assert sorted(fields) == list(fields)  # Go marshals the fields map with sorted keys
    assert fields["labels"] == [ALERT_LABEL, "all"]
    assert fields["summary"] == card["title"] and fields["description"] == card["text"]
    assert fields["priority"] == {"name": "High"} and fields["issuetype"] == {"name": "Bug"}
    assert fields["project"] == {"key": "OPS"}
    assert fields["customfield_10001"] == "storage" and fields["customfield_10002"] == 3

    # incident.io: rate-limited once, retried, then the 0.34 message with the token as bearer.
    first_iio = wait_for(webhook, "/iio", 2)
    assert [r["status"] for r in first_iio[:2]] == [429, 202]
    assert first_iio[1]["headers"]["authorization"] == "Bearer src-token"
    msg = first_iio[1]["body"]
    assert list(msg) == ["receiver", "status", "alerts", "notification_reason", "groupLabels", "commonLabels",
                         "commonAnnotations", "routeLabels", "externalURL", "version", "groupKey", "truncatedAlerts"]
    assert msg["version"] == "1" and msg["groupKey"] == GROUP_KEY and msg["receiver"] == "all"
    assert msg["notification_reason"] == "first notification" and msg["truncatedAlerts"] == 0
    assert msg["routeLabels"] == {} and msg["alerts"][0]["labels"]["instance"] == "db-1"

    # A second alert joins the group: Jira finds OPS-1 and updates it in place.
    assert server.post_alerts([alert("db-1"), alert("db-2")])[0] == 200
    update = wait_for(webhook, "/jira/rest/api/2/issue/OPS-1", 1, method="PUT")[0]
    assert update["body"]["fields"]["summary"] == "[FIRING:2] DiskFull (critical storage)"
    assert len([r for r in on(webhook, "/jira/rest/api/2/issue", "POST") if r["path"] == "/jira/rest/api/2/issue"]) == 1
    second_iio = wait_for(webhook, "/iio", 3)[2]["body"]
    assert second_iio["notification_reason"] == "new alerts added"
    assert len(second_iio["alerts"]) == 1 and second_iio["truncatedAlerts"] == 1

    # Both resolve: Jira's issue is updated, then moved through the "Done" transition.
    ended = now_utc(-1)
    assert server.post_alerts([alert("db-1", ended), alert("db-2", ended)])[0] == 200
    moved = wait_for(webhook, "/jira/rest/api/2/issue/OPS-1/transitions", 1, method="POST")[0]
    resolve_search = [r for r in on(webhook, "/jira/rest/api/2/search") if r["ts"] < moved["ts"]][-1]
    assert resolve_search["body"]["jql"].startswith('statusCategory != Done and project="OPS"')
    assert moved["body"] == {"transition": {"id": "31"}}
    assert on(webhook, "/jira/rest/api/2/issue/OPS-1/transitions", "GET")
    assert jira.issues["OPS-1"]["category"] == "done"
    resolved = wait_until(lambda: next((r["body"] for r in on(webhook, "/teams")
                                        if r["body"]["themeColor"] == "2DC72D"), None), timeout=20, what="resolved card")
    assert resolved["title"] == "[RESOLVED] DiskFull (critical storage)"
    assert "\n# Alerts Resolved:\n" in resolved["text"] and "# Alerts Firing" not in resolved["text"]
    rc_resolved = wait_until(lambda: next((r["body"] for r in on(webhook, "/rc/")
                                           if r["body"]["attachments"][0]["color"] == "green"), None),
                             timeout=20, what="resolved Rocket.Chat message")
    assert rc_resolved["attachments"][0]["title"] == resolved["title"]
    resolved_iio = wait_for(webhook, "/iio", 4)[3]["body"]
    assert resolved_iio["status"] == "resolved" and resolved_iio["notification_reason"] == "all alerts resolved"

    # It fires again within reopen_duration: the done issue is found, updated and reopened.
    assert server.post_alerts([alert("db-3")])[0] == 200
    reopened = wait_for(webhook, "/jira/rest/api/2/issue/OPS-1/transitions", 2, method="POST")[1]
    assert reopened["body"] == {"transition": {"id": "11"}}
    reopen_search = on(webhook, "/jira/rest/api/2/search")[-1]["body"]["jql"]
    assert reopen_search.startswith("(resolutiondate is EMPTY OR resolutiondate >= -60m) and project=")
    assert len([r for r in on(webhook, "/jira/rest/api/2/issue", "POST") if r["path"] == "/jira/rest/api/2/issue"]) == 1 and jira.issues["OPS-1"]["category"] == "new"
    assert wait_for(webhook, "/iio", 5)[4]["body"]["notification_reason"] == "first notification"
    assert "does not deliver" not in server.output()


def test_rocketchat_refusalWith200_failsTheNotificationWithRocketchatsError(tocsin, servers, webhook):
    # Rocket.Chat answers 200 with {"success": false} for e.g. an unknown channel.
    webhook.responder = lambda m, p, b: (200, {"success": False, "error": "error-invalid-channel"})
    server = servers(tocsin, f"""
route:
  receiver: rc
  group_wait: 0s
receivers:
- name: rc
  rocketchat_configs:
  - api_url: {webhook.url}
    token: t
    token_id: u
    channel: "#nowhere"
""")
    assert server.post_alerts([alert("db-1")])[0] == 200
    wait_for(webhook, "/api/v1/chat.postMessage", 1)
    failed = wait_until(lambda: metric(server.url, "alertmanager_notifications_failed_total", {"integration": "rocketchat"}),
                        timeout=20, what="a failed rocketchat notification")
    assert failed >= 1
    # 0.34 counts a refusal in a 200 answer as a client error.
    assert metric(server.url, "alertmanager_notifications_failed_total",
                  {"integration": "rocketchat", "reason": "clientError"}) == failed
    assert len(on(webhook, "/api/v1/chat.postMessage")) == 1  # not retried: Rocket.Chat said no
    wait_until(lambda: 'channel \\"#nowhere\\": error response from Rocketchat: error-invalid-channel' in server.output()
               or 'channel "#nowhere": error response from Rocketchat: error-invalid-channel' in server.output(),
               timeout=10, what="the refusal in the log")


OAUTH_TLS_CONFIG = """
route:
  receiver: teams
  group_wait: 0s
receivers:
- name: teams
  msteamsv2_configs:
  - webhook_url: {teams_url}/workflow
    http_config:
      enable_http2: false
      tls_config:
        ca_file: {ca}
        server_name: teams.example
      oauth2:
        client_id: tocsin
        client_secret: s3cret
        token_url: https://login.example/oauth2/token
        proxy_url: {proxy}
        proxy_connect_header:
          X-Proxy-Key: [pk-1]
        tls_config:
          ca_file: {ca}
"""


def test_msteamsv2_oauth2ThroughOwnProxyAndTLSWithServerName_tokenFetchedThenBearerSent(tocsin, servers, workdir):
    """A post-0.25 integration with the full http_config: the OAuth2 token comes from
    login.example, reached only through oauth2's own proxy (with its CONNECT header) and
    trusted through oauth2's own tls_config; the Teams request goes direct to 127.0.0.1 with
    tls_config.server_name naming the certificate (which does not name 127.0.0.1)."""
    ca = make_test_ca(workdir, ["teams.example", "login.example"])
    login = WebhookSink().start()
    login.responder = lambda m, p, b: (200, {"access_token": "tok-1", "token_type": "bearer", "expires_in": 3600}) \
        if p == "/oauth2/token" else None
    proxy = TLSProxy(login, ca).start()
    teams = WebhookSink(tls=server_tls_context(ca["cert"], ca["key"])).start()
    try:
        server = servers(tocsin, OAUTH_TLS_CONFIG.format(teams_url=teams.url, ca=ca["ca"], proxy=proxy.url))
        assert server.post_alerts([alert("db-1")])[0] == 200
        delivered = wait_until(lambda: [r for r in teams.records() if r["path"] == "/workflow"], timeout=20,
                               what="the Teams request")[0]
        assert delivered["headers"]["authorization"] == "Bearer tok-1"
        assert delivered["host"] == f"127.0.0.1:{teams.port}"
        token = [r for r in login.records() if r["path"] == "/oauth2/token"]
        assert len(token) == 1
        assert token[0]["host"] == "login.example"
        assert token[0]["headers"]["content-type"] == "application/x-www-form-urlencoded"
        assert token[0]["raw"] == "grant_type=client_credentials"
        assert token[0]["headers"]["authorization"] == "Basic dG9jc2luOnMzY3JldA=="  # tocsin:s3cret
        assert [c["target"] for c in proxy.connects] == ["login.example:443"]
        assert proxy.connects[0]["headers"]["x-proxy-key"] == "pk-1"
    finally:
        for s in (teams, proxy, login):
            s.stop()


PROXY_ENV_CONFIG = """
route:
  receiver: both
  group_wait: 0s
receivers:
- name: both
  msteams_configs:
  - webhook_url: https://teams.example/webhookb2/x
    http_config:
      proxy_from_environment: true
      proxy_connect_header:
        X-Proxy-Key: [pk-2]
      tls_config:
        ca_file: {ca}
  mattermost_configs:
  - webhook_url: {direct}/mattermost
    http_config:
      proxy_from_environment: true
"""


def test_post025Receivers_proxyFromEnvironment_httpsProxiedLoopbackDirect(tocsin, servers, workdir):
    """proxy_from_environment reads HTTPS_PROXY/HTTP_PROXY of the process: Teams' https URL
    (a name nothing resolves) goes through the proxy with the CONNECT header; Mattermost's
    loopback URL goes direct although HTTP_PROXY names a proxy that does not exist, as Go's
    httpproxy never proxies loopback."""
    ca = make_test_ca(workdir, ["teams.example"])
    far = WebhookSink().start()
    proxy = TLSProxy(far, ca).start()
    direct = WebhookSink().start()
    try:
        env = {"HTTPS_PROXY": proxy.url, "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
        server = servers(tocsin, PROXY_ENV_CONFIG.format(ca=ca["ca"], direct=direct.url), env=env)
        assert server.post_alerts([alert("db-1")])[0] == 200
        teams = wait_until(lambda: [r for r in far.records() if r["path"] == "/webhookb2/x"], timeout=20,
                           what="the Teams request through the proxy")[0]
        assert teams["host"] == "teams.example"
        assert [c["target"] for c in proxy.connects] == ["teams.example:443"]
        assert proxy.connects[0]["headers"]["x-proxy-key"] == "pk-2"
        wait_until(lambda: [r for r in direct.records() if r["path"] == "/mattermost"], timeout=20,
                   what="the Mattermost request, direct")
    finally:
        for s in (direct, proxy, far):
            s.stop()
