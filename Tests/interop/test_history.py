"""Tocsin's notification history and an alert's "why" (issue 16), on real processes:
/api/tocsin/v1/notifications lists every attempt with its node, fingerprints, attempt number
and outcome, for the whole cluster from any node, and keeps them across a restart;
/api/tocsin/v1/alerts/{fingerprint}/explain names routes, silences and inhibitions.
"""
import json
import os
import subprocess
import urllib.parse

from conftest import http, require, tocsinctl_bin, wait_until
from server_support import fingerprint, wait_deliveries
from test_chaos import CLUSTER_FLAGS
from test_cluster import by_position, start_cluster, wait_ready
from web_tls_support import PKI, SecureServer, bcrypt_hash, request, tls_context, write_web_config

ONE_HOOK = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1h
  repeat_interval: 4h
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
"""


def notifications(server, **query):
    status, body = http("GET", server.url + "/api/tocsin/v1/notifications?" + urllib.parse.urlencode(query))
    assert status == 200, body
    return body


def explain(server, fp):
    return http("GET", f"{server.url}/api/tocsin/v1/alerts/{fp}/explain")


def post(server, *label_sets):
    status, body = server.post_alerts([{"labels": labels} for labels in label_sets])
    assert status == 200, body


def test_history_threeNodeCluster_anyNodeListsTheSendWithItsNode(tocsin, servers, webhook):
    nodes = start_cluster(servers, [tocsin] * 3, ONE_HOOK.format(url=webhook.url))
    wait_ready(nodes)
    labels = {"alertname": "Disk", "job": "db"}
    for n in nodes:
        post(n, labels)
    first, _, last = by_position(nodes)
    wait_deliveries(webhook, 1)
    answer = wait_until(lambda: (lambda b: b if any(r["outcome"] == "success" for r in b["notifications"]) else None)(
        notifications(last, receiver="hook")), timeout=20, what="the send in node 3's history")
    assert answer["partial"] is False
    sends = [r for r in answer["notifications"] if r["outcome"] == "success"]
    assert len(sends) == 1
    send = sends[0]
    assert send["node"] == first.status()["cluster"]["name"]
    assert send["firing"] == [fingerprint(labels)]
    assert send["resolved"] == []
    assert (send["receiver"], send["integration"], send["integrationIndex"], send["attempt"]) == ("hook", "webhook", 0, 1)
    assert send["groupKey"] == '{}:{alertname="Disk"}'
    assert send["groupLabels"] == {"alertname": "Disk"}
    assert send["error"] == ""
    # The other two nodes found node 1's log entry: each records that, naming node 1.
    dedups = wait_until(lambda: (lambda rs: rs if len(rs) == 2 else None)(
        notifications(last, outcome="deduplicated")["notifications"]), timeout=20, what="two deduplications")
    assert sorted(r["node"] for r in dedups) == sorted(n.status()["cluster"]["name"] for n in nodes if n is not first)
    assert {r["peer"] for r in dedups} == {send["node"]}
    assert all(r["firing"] == [fingerprint(labels)] and r["attempt"] == 0 for r in dedups)


def test_history_receiverFailsTwice_failedFailedSuccessWithAttempts(tocsin, servers, webhook):
    webhook.fail_first, webhook.fail_status = 2, 500
    node = servers(tocsin, ONE_HOOK.format(url=webhook.url))
    labels = {"alertname": "Flaky"}
    post(node, labels)
    wait_deliveries(webhook, 3, timeout=30)
    records = wait_until(lambda: (lambda rs: rs if len(rs) >= 3 else None)(notifications(node)["notifications"]),
                         what="three attempts recorded")
    assert [(r["outcome"], r["attempt"]) for r in records] == [("success", 3), ("failed", 2), ("failed", 1)]
    for r in records[1:]:
        assert "500" in r["error"] and r["willRetry"] is True
    assert all(r["firing"] == [fingerprint(labels)] for r in records)
    assert [r["attempt"] for r in notifications(node, outcome="failed")["notifications"]] == [2, 1]


def test_history_restart_keepsRecords(tocsin, servers, webhook):
    node = servers(tocsin, ONE_HOOK.format(url=webhook.url))
    post(node, {"alertname": "Kept"})
    wait_deliveries(webhook, 1)
    before = wait_until(lambda: notifications(node)["notifications"], what="the send recorded")
    node.stop()
    node.start()
    assert notifications(node)["notifications"] == before


def test_explain_silencedAlert_namesTheSilence(tocsin, servers, webhook):
    node = servers(tocsin, ONE_HOOK.format(url=webhook.url))
    status, body = node.post_silence({"matchers": [{"name": "alertname", "value": "Quiet", "isRegex": False}],
                                      "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
                                      "createdBy": "test", "comment": "why"})
    assert status == 200, body
    labels = {"alertname": "Quiet"}
    post(node, labels)
    status, why = explain(node, fingerprint(labels))
    assert status == 200, why
    assert why["silencedBy"] == [body["silenceID"]]
    assert why["state"] == "suppressed"
    assert why["labels"] == labels
    assert why["routes"][0]["receiver"] == "hook" and why["routes"][0]["path"] == [0]


def test_explain_inhibitedAlert_namesRuleAndSource(tocsin, servers, webhook):
    config = ONE_HOOK.format(url=webhook.url) + """
inhibit_rules:
- source_matchers: [severity="page"]
  target_matchers: [severity="info"]
  equal: [cluster]
- name: critical-mutes-warning
  source_matchers: [severity="critical"]
  target_matchers: [severity="warning"]
  equal: [cluster]
"""
    node = servers(tocsin, config)
    source = {"alertname": "Down", "severity": "critical", "cluster": "a"}
    target = {"alertname": "Slow", "severity": "warning", "cluster": "a"}
    post(node, source, target)
    why = wait_until(lambda: (lambda r: r[1] if r[1]["inhibitedBy"] else None)(explain(node, fingerprint(target))),
                     what="the inhibition in the explanation")
    assert why["inhibitedBy"] == [{"rule": 1, "name": "critical-mutes-warning", "sources": [fingerprint(source)]}]
    assert why["state"] == "suppressed"


def test_explain_twoRoutesWithContinue_listsBothPaths(tocsin, servers, webhook):
    config = f"""
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1h
  routes:
  - receiver: db
    matchers: [team="db"]
    continue: true
  - receiver: web
    matchers: [team="web"]
  - receiver: all
    group_by: [team]
receivers:
- name: hook
- name: db
- name: web
- name: all
"""
    node = servers(tocsin, config)
    labels = {"alertname": "Both", "team": "db"}
    post(node, labels)
    status, why = explain(node, fingerprint(labels))
    assert status == 200, why
    assert [(r["receiver"], r["path"], r["groupKey"]) for r in why["routes"]] == [
        ("db", [0, 1], '{}/{team="db"}:{alertname="Both"}'),
        ("all", [0, 3], '{}/{}:{team="db"}'),
    ]
    assert all(r["nextFlush"] for r in why["routes"])


def test_explain_unknownFingerprint_404WithJSONError(tocsin, servers, webhook):
    node = servers(tocsin, ONE_HOOK.format(url=webhook.url))
    status, body = explain(node, "0123456789abcdef")
    assert status == 404
    assert body == {"code": 404, "message": "alert 0123456789abcdef not found"}


def ctl(server, *args):
    out = subprocess.run([require(tocsinctl_bin()), f"--alertmanager.url={server.url}", *args],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_tocsinctlHistory_afterFailedThenGoodSend_tableAndJSONListAttempts(tocsin, servers, webhook):
    webhook.fail_first, webhook.fail_status = 1, 500
    node = servers(tocsin, ONE_HOOK.format(url=webhook.url))
    post(node, {"alertname": "Cli"})
    wait_deliveries(webhook, 2, timeout=30)
    wait_until(lambda: len(notifications(node)["notifications"]) >= 2, what="two attempts recorded")
    lines = ctl(node, "history", "--receiver", "hook", "--since", "1h").splitlines()
    assert lines[0].split() == ["Time", "Node", "Receiver", "Integration", "Attempt", "Outcome", "Error"]
    rows = [line.split() for line in lines[1:]]
    assert ["success" in r for r in rows] == [True, False]
    assert "failed" in rows[1] and "webhook[0]" in rows[1] and "hook" in rows[1]
    records = json.loads(ctl(node, "history", "-o", "json"))["notifications"]
    assert [(r["outcome"], r["attempt"]) for r in records] == [("success", 2), ("failed", 1)]
    assert ctl(node, "history", "--receiver", "other").splitlines()[1:] == []


def test_tocsinctlAlertExplain_silencedAlert_namesSilenceAndRoute(tocsin, servers, webhook):
    node = servers(tocsin, ONE_HOOK.format(url=webhook.url))
    status, body = node.post_silence({"matchers": [{"name": "alertname", "value": "Muted", "isRegex": False}],
                                      "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
                                      "createdBy": "test", "comment": "why"})
    assert status == 200, body
    post(node, {"alertname": "Muted"}, {"alertname": "Loud"})
    lines = ctl(node, "alert", "explain", "alertname=Muted").splitlines()
    assert lines[0].split()[:3] == ["Alertname", "Fingerprint", "State"]
    assert len(lines) == 2
    row = lines[1].split()
    assert row[:3] == ["Muted", fingerprint({"alertname": "Muted"}), "suppressed"]
    assert body["silenceID"] in row and "hook" in row
    explained = json.loads(ctl(node, "alert", "explain", "-o", "json", "Loud"))
    assert [e["fingerprint"] for e in explained] == [fingerprint({"alertname": "Loud"})]
    assert explained[0]["silencedBy"] == []


def test_history_clusterWithAlertmanagerPeer_partialNamingIt(tocsin, alertmanager, servers, webhook):
    node, am = start_cluster(servers, [tocsin, alertmanager], ONE_HOOK.format(url=webhook.url))
    wait_ready([node, am])
    answer = notifications(node)
    assert answer["partial"] is True
    assert answer["skippedPeers"] == [am.status()["cluster"]["name"]]


def test_history_peersServeHTTPSWithBasicAuth_clientConfigFlagReachesThemWithoutItPartial(tocsin, workdir, webhook):
    """Both nodes serve their API over TLS with basic auth (web config) and advertise https.
    The node given --cluster.api-http-config.file (the CA and the credentials) answers with
    its peer's records; the other cannot read its peer's API and says so."""
    pki = PKI(os.path.join(workdir, "pki"))
    web = write_web_config(os.path.join(workdir, "web.yml"), tls={"cert_file": pki.server, "key_file": pki.server_key},
                           users={"alice": bcrypt_hash("s3cret")})
    client = os.path.join(workdir, "peers-http.yml")
    with open(client, "w") as f:
        f.write(f"tls_config:\n  ca_file: {pki.ca}\nbasic_auth:\n  username: alice\n  password: s3cret\n")
    config = ONE_HOOK.format(url=webhook.url)
    nodes = [SecureServer(tocsin, workdir, config, name=f"n{i}", cluster=True, web_config=web,
                          ctx=tls_context(pki.ca), auth=("alice", "s3cret"), extra=CLUSTER_FLAGS) for i in range(2)]
    with_flag, without = nodes
    with_flag.extra.append(f"--cluster.api-http-config.file={client}")
    for n in nodes:
        n.peers = [m.cluster_addr for m in nodes if m is not n]
    try:
        for n in nodes:
            n.start()
        wait_until(lambda: all(n.probe("/-/ready") == 200 for n in nodes), timeout=20, what="both nodes settled")
        names = {id(n): json.loads(n.get("/api/v2/status")[2])["cluster"]["name"] for n in nodes}
        for n in nodes:
            status, _, text = request(n.api_port, "POST", "/api/v2/alerts", ctx=n.ctx, auth=n.auth,
                                      body=json.dumps([{"labels": {"alertname": "Disk"}}]))
            assert status == 200, text
        wait_deliveries(webhook, 1)

        def answer(node):
            status, _, text = node.get("/api/tocsin/v1/notifications?receiver=hook")
            assert status == 200, text
            return json.loads(text)

        # Each node records its own attempt (the sender's success, the other's deduplication).
        got = wait_until(lambda: (lambda a: a if {r["node"] for r in a["notifications"]} == set(names.values())
                                  else None)(answer(with_flag)), timeout=20, what="both nodes' records on one node")
        assert got["partial"] is False and got["skippedPeers"] == []
        assert any(r["node"] == names[id(without)] for r in got["notifications"])
        partial = answer(without)
        assert partial["partial"] is True
        assert partial["skippedPeers"] == [names[id(with_flag)]]
        assert {r["node"] for r in partial["notifications"]} == {names[id(without)]}
    finally:
        for n in nodes:
            n.stop()
