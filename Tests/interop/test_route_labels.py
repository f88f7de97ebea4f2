"""Route labels (0.34's route `labels`): rendered against the group's alerts, inherited by
child routes, sent in the webhook body and shown by `GET /api/v2/alerts/groups`, as 0.34
does. (Alertmanager 0.25 refuses the key, so only tocsin runs here.)
"""
from conftest import http
from server_support import api_time, now_utc, wait_deliveries

CONFIG = """
route:
  receiver: hook
  group_by: [service]
  group_wait: 1s
  labels:
    team: ops
    summary: '{{ routeLabels "team" }} owns {{ .GroupLabels.service }}'
  routes:
  - matchers: ['service="db"']
    receiver: hook
    labels:
      tier: '{{ len .Alerts }} alert(s) of {{ .GroupLabels.service }}'
  - matchers: ['service="plain"']
    receiver: bare
receivers:
- name: hook
  webhook_configs: [{url: URL/hook}]
- name: bare
  webhook_configs: [{url: URL/bare}]
"""


def test_routeLabels_templatedAndInherited_renderedInWebhookAndGroupsAPI(servers, tocsin, webhook):
    # The root's labels are inherited by both children: the 'plain' route has them too.
    s = servers(tocsin, CONFIG.replace("URL", webhook.url))
    t = now_utc()
    assert s.post_alerts([{"labels": {"alertname": "A", "service": "db"}, "startsAt": api_time(t)},
                          {"labels": {"alertname": "B", "service": "db"}, "startsAt": api_time(t)}]) == (200, None)
    expected = {"team": "ops", "summary": "ops owns db", "tier": "2 alert(s) of db"}
    body = wait_deliveries(webhook, 1, "/hook")[0]["body"]
    assert body["routeLabels"] == expected
    keys = list(body)
    assert keys.index("commonAnnotations") + 1 == keys.index("routeLabels") == keys.index("externalURL") - 1
    status, groups = http("GET", s.url + "/api/v2/alerts/groups")
    assert status == 200
    assert [g["routeLabels"] for g in groups] == [expected]


def test_routeLabels_routeWithoutLabels_bodyHasNoRouteLabelsField(servers, tocsin, webhook):
    # A 0.25 configuration keeps 0.25's webhook body: no routeLabels key at all.
    config = CONFIG.replace("URL", webhook.url).replace("""  labels:
    team: ops
    summary: '{{ routeLabels "team" }} owns {{ .GroupLabels.service }}'
""", "")
    s = servers(tocsin, config)
    assert s.post_alerts([{"labels": {"alertname": "C", "service": "plain"}, "startsAt": api_time(now_utc())}]) == (200, None)
    body = wait_deliveries(webhook, 1, "/bare")[0]["body"]
    assert "routeLabels" not in body
    status, groups = http("GET", s.url + "/api/v2/alerts/groups")
    assert status == 200 and "routeLabels" not in groups[0]
