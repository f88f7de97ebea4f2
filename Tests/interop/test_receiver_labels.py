"""Receiver labels (0.33): `GET /api/v2/receivers` shows them (`labels` before `name`, only
for receivers that have some, so a 0.25 configuration keeps 0.25's bytes) and the
`receiver_matchers` parameter filters receivers and alert groups by them, as 0.34 does.
(Alertmanager 0.25 refuses the key, so only tocsin runs here.)
"""
import urllib.parse
import urllib.request

from conftest import http
from server_support import api_time, now_utc

CONFIG = """
route:
  receiver: ops
  group_by: [alertname]
  group_wait: 1h
  routes:
  - matchers: ['team="db"']
    receiver: db
receivers:
- name: ops
  labels: {owner: ops-team, tier: "1"}
  webhook_configs: [{url: URL/ops}]
- name: db
  labels: {owner: db-team}
  webhook_configs: [{url: URL/db}]
- name: plain
"""


def get(s, path, **params):
    query = urllib.parse.urlencode([(k, v) for k, vs in params.items() for v in vs])
    return http("GET", s.url + path + ("?" + query if query else ""))


def test_receivers_withLabels_listedAndFilteredByReceiverMatchers(servers, tocsin, webhook):
    s = servers(tocsin, CONFIG.replace("URL", webhook.url))
    status, body = get(s, "/api/v2/receivers")
    assert status == 200
    assert body == [{"labels": {"owner": "ops-team", "tier": "1"}, "name": "ops"},
                    {"labels": {"owner": "db-team"}, "name": "db"}, {"name": "plain"}]
    raw = urllib.request.urlopen(s.url + "/api/v2/receivers", timeout=10).read().decode()
    assert raw == '[{"labels":{"owner":"ops-team","tier":"1"},"name":"ops"},' \
                  '{"labels":{"owner":"db-team"},"name":"db"},{"name":"plain"}]\n'
    assert get(s, "/api/v2/receivers", receiver_matchers=['owner="db-team"'])[1] == [{"labels": {"owner": "db-team"}, "name": "db"}]
    assert [r["name"] for r in get(s, "/api/v2/receivers", receiver_matchers=["owner=~.+-team", 'tier!="1"'])[1]] == ["db"]
    # An empty value matches a receiver without the label, as the alert filter does.
    assert [r["name"] for r in get(s, "/api/v2/receivers", receiver_matchers=['owner=""'])[1]] == ["plain"]
    status, body = get(s, "/api/v2/receivers", receiver_matchers=["owner=~("])
    assert status == 400 and body.startswith("failed to parse receiver_matchers param: "), body


def test_alertGroups_receiverMatchers_keepGroupsOfMatchingReceivers(servers, tocsin, webhook):
    s = servers(tocsin, CONFIG.replace("URL", webhook.url))
    t = api_time(now_utc())
    assert s.post_alerts([{"labels": {"alertname": "A"}, "startsAt": t},
                          {"labels": {"alertname": "B", "team": "db"}, "startsAt": t}]) == (200, None)
    status, groups = get(s, "/api/v2/alerts/groups")
    assert status == 200 and sorted(g["receiver"]["name"] for g in groups) == ["db", "ops"]
    status, groups = get(s, "/api/v2/alerts/groups", receiver_matchers=['owner="db-team"'])
    assert status == 200 and [g["receiver"]["name"] for g in groups] == ["db"]
    status, body = get(s, "/api/v2/alerts/groups", receiver_matchers=["bad matcher"])
    assert status == 400 and body.startswith("failed to parse receiver_matchers param: "), body


# Two routes for team="db": the alert goes to both `db` and `audit` (continue).
ALERTS_CONFIG = """
route:
  receiver: ops
  group_by: [alertname]
  group_wait: 1h
  routes:
  - matchers: ['team="db"']
    receiver: db
    continue: true
  - matchers: ['team="db"']
    receiver: audit
receivers:
- name: ops
  labels: {owner: ops-team, tier: "1"}
- name: db
  labels: {owner: db-team}
- name: audit
  labels: {owner: audit-team, tier: "2"}
"""


def test_alerts_receiverMatchers_keepAlertsWithOneMatchingReceiver(servers, tocsin):
    # 0.34's getAlertsHandler: an alert is listed when one of the receivers it routes to has
    # labels passing every matcher; its receivers are still listed by name only.
    s = servers(tocsin, ALERTS_CONFIG)
    t = api_time(now_utc())
    assert s.post_alerts([{"labels": {"alertname": "A"}, "startsAt": t},
                          {"labels": {"alertname": "B", "team": "db"}, "startsAt": t}]) == (200, None)

    def names(**params):
        status, body = get(s, "/api/v2/alerts", **params)
        assert status == 200, body
        return [a["labels"]["alertname"] for a in body]

    assert sorted(names()) == ["A", "B"]
    assert names(receiver_matchers=['owner="db-team"']) == ["B"]
    assert names(receiver_matchers=['tier="1"']) == ["A"]
    # Both matchers must hold for one receiver: audit has tier 2 and owner audit-team.
    assert names(receiver_matchers=['owner="audit-team"', 'tier="2"']) == ["B"]
    assert names(receiver_matchers=['owner="db-team"', 'tier="2"']) == []
    # An empty value matches a receiver without the label (db has no tier).
    assert names(receiver_matchers=['tier=""']) == ["B"]
    # With `receiver`, each filter needs one of the alert's receivers (not the same one).
    assert names(receiver=["ops"], receiver_matchers=['owner="db-team"']) == []
    assert names(receiver=["db"], receiver_matchers=['owner="audit-team"']) == ["B"]
    status, body = get(s, "/api/v2/alerts", receiver_matchers=['owner="db-team"'])
    assert [a["receivers"] for a in body] == [[{"name": "db"}, {"name": "audit"}]]
    status, body = get(s, "/api/v2/alerts", receiver_matchers=["owner=~("])
    assert status == 400 and body.startswith("failed to parse receiver_matchers param: "), body
