"""Tocsin's read-only routing-tree extension, /api/tocsin/v1/routes and /routes/test, on a
real process: the tree is the running config's (inherited options resolved, as the
dispatcher uses them), a reload replaces it, and the routes a label set takes agree with
amtool's own routing (Alertmanager's Go code) for the same config file.
"""
import json
import subprocess
import urllib.parse

from conftest import http

CONFIG = """
route:
  receiver: default
  group_by: [alertname]
  group_wait: 45s
  routes:
  - receiver: db
    matchers: ['team="db"']
    continue: true
  - receiver: pager
    matchers: ['severity=~"page|critical"', 'env!="dev"']
    group_by: ['...']
    repeat_interval: 1h
    routes:
    - receiver: pager-eu
      matchers: ['region=~"eu-.*"']
    - receiver: pager-db
      matchers: ['team="db"']
      continue: true
    - receiver: pager-fallback
      matchers: ['team=~".+"']
  - receiver: web
    match: {team: web}
receivers:
- name: default
- name: db
- name: pager
- name: pager-eu
- name: pager-db
- name: pager-fallback
- name: web
"""

LABEL_SETS = [
    {},
    {"alertname": "X"},
    {"team": "db"},
    {"team": "db", "severity": "page"},
    {"team": "db", "severity": "page", "env": "dev"},
    {"team": "db", "severity": "critical", "region": "eu-west"},
    {"team": "web", "severity": "critical"},
    {"team": "web"},
    {"severity": "page", "region": "us-east"},
    {"severity": "page", "team": "ops"},
    {"team": "web", "note": "a b=c \"quoted\" <b>"},
]


def route_test(server, labels):
    query = urllib.parse.urlencode([("label", f"{k}={v}") for k, v in labels.items()])
    status, body = http("GET", server.url + "/api/tocsin/v1/routes/test?" + query)
    assert status == 200, body
    return body


def amtool_receivers(amtool, config_path, labels):
    args = [f"{k}={json.dumps(v)}" for k, v in labels.items()]  # quoted, as amtool's matcher parser takes them
    out = subprocess.run([amtool, "config", "routes", "test", f"--config.file={config_path}", *args],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_routeTreeAPI_labelSets_sameRoutesAsAmtoolsGoRouting(servers, tocsin, amtool):
    s = servers(tocsin, CONFIG)
    for labels in LABEL_SETS:
        got = route_test(s, labels)
        assert got["labels"] == labels
        assert ",".join(got["receivers"]) == amtool_receivers(amtool, s.config_path, labels), labels
        assert [r["receiver"] for r in got["routes"]] == got["receivers"]
        for r in got["routes"]:
            assert r["path"][0] == 0 and r["path"][-1] == r["index"]


def test_routeTreeAPI_runningConfig_treeWithInheritedOptions(servers, tocsin):
    s = servers(tocsin, CONFIG)
    status, root = http("GET", s.url + "/api/tocsin/v1/routes")
    assert status == 200
    assert (root["index"], root["receiver"], root["groupBy"], root["groupWait"], root["repeatInterval"]) == \
        (0, "default", ["alertname"], "45s", "4h")
    db, pager, web = root["routes"]
    # Children inherit what they do not set.
    assert (db["receiver"], db["continue"], db["groupBy"], db["groupWait"]) == ("db", True, ["alertname"], "45s")
    assert db["matchers"] == [{"name": "team", "value": "db", "isRegex": False, "isEqual": True}]
    assert (pager["groupBy"], pager["repeatInterval"]) == (["..."], "1h")
    assert sorted((m["name"], m["isRegex"], m["isEqual"]) for m in pager["matchers"]) == \
        [("env", False, False), ("severity", True, True)]
    assert [c["receiver"] for c in pager["routes"]] == ["pager-eu", "pager-db", "pager-fallback"]
    assert [c["groupBy"] for c in pager["routes"]] == [["..."]] * 3
    assert web["matchers"] == [{"name": "team", "value": "web", "isRegex": False, "isEqual": True}]
    # Pre-order numbering: root 0, db 1, pager 2, its children 3-5, web 6.
    assert [db["index"], pager["index"], web["index"]] == [1, 2, 6]
    assert [c["index"] for c in pager["routes"]] == [3, 4, 5]


def test_routeTreeAPI_afterReload_servesTheNewTree(servers, tocsin):
    s = servers(tocsin, CONFIG)
    assert route_test(s, {"team": "web"})["receivers"] == ["web"]
    with open(s.config_path, "w") as f:
        f.write("route:\n  receiver: only\nreceivers:\n- name: only\n")
    assert http("POST", s.url + "/-/reload")[0] == 200
    status, root = http("GET", s.url + "/api/tocsin/v1/routes")
    assert (status, root["receiver"], root["routes"]) == (200, "only", [])
    assert route_test(s, {"team": "web"})["receivers"] == ["only"]


def test_routeTreeAPI_badLabel_400WithTheReason(servers, tocsin):
    s = servers(tocsin, CONFIG)
    status, body = http("GET", s.url + "/api/tocsin/v1/routes/test?label=0bad%3Dx")
    assert (status, body) == (400, 'invalid label name "0bad"')
    status, body = http("GET", s.url + "/api/tocsin/v1/routes/test?label=novalue")
    assert (status, body) == (400, 'bad label "novalue": expected name=value')
