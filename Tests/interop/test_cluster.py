"""HA cluster interop (issue 5): tocsin nodes and the real Alertmanager 0.25 in one gossip
cluster on loopback -- silences replicate both ways, one notification per group, failover
to the next position, kill -9 and restart without lost silences or duplicates, status and
metrics, and garbage on the cluster port.

Timings are shortened with Alertmanager's own flags: settle 2s, peer timeout 2s, so the
node at position p waits 2p seconds before deduplicating against the notification log.
"""
import os
import random
import re
import socket
import time

from conftest import HOST, http, wait_until

PEER_TIMEOUT = 2.0
FLAGS = ["--cluster.settle-timeout=2s", f"--cluster.peer-timeout={int(PEER_TIMEOUT)}s"]
CONFIG = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: {group_wait}
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
"""
SILENCE = {"matchers": [{"name": "job", "value": "x", "isRegex": False}],
           "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
           "createdBy": "test", "comment": "cluster"}


def start_cluster(servers, binaries, config, extra=FLAGS):
    """Starts one node per binary; every node lists every other node as --cluster.peer."""
    nodes = [servers(b, config, start=False, cluster=True, extra=list(extra), name=f"n{i}")
             for i, b in enumerate(binaries)]
    for n in nodes:
        n.peers = [m.cluster_addr for m in nodes if m is not n]
        # Tell the senders apart in webhook payloads (externalURL names the node).
        n.extra.append(f"--web.external-url=http://{n.dir.rsplit(os.sep, 1)[-1]}.test/")
    for n in nodes:
        n.start()
    return nodes


def peer_names(node):
    return [p["name"] for p in node.status()["cluster"]["peers"]]


def wait_members(nodes, count, timeout=20):
    wait_until(lambda: all(len(peer_names(n)) == count for n in nodes), timeout=timeout,
               what=f"{count} members on every node")


def wait_ready(nodes, timeout=20):
    wait_until(lambda: all(n.status()["cluster"]["status"] == "ready" for n in nodes), timeout=timeout,
               what="every node ready")


def by_position(nodes):
    """Nodes sorted as Alertmanager's Position() sorts them: by peer name."""
    return sorted(nodes, key=lambda n: n.status()["cluster"]["name"])


def alert(name, job="web"):
    return {"labels": {"alertname": name, "job": job}, "annotations": {}}


def deliveries(webhook, group):
    return [r for r in webhook.records() if r["body"].get("groupLabels", {}).get("alertname") == group]


def sender(record):
    return record["body"]["externalURL"].split("//")[1].split(".")[0]


def create_silence(node, comment):
    status, body = node.post_silence(dict(SILENCE, comment=comment))
    assert status == 200, body
    return body["silenceID"]


def has_silence(node, sid):
    return any(s["id"] == sid for s in node.silences() or [])


def metrics(node):
    out = {}
    for line in http("GET", node.url + "/metrics")[1].splitlines():
        m = re.match(r"^([a-z_]+)(\{[^}]*\})? (\S+)$", line)
        if m:
            out[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return out


def test_mixedCluster_alertmanagerAndTwoTocsin_replicatesSilencesDedupsAndFailsOver(tocsin, alertmanager, servers, webhook):
    nodes = start_cluster(servers, [alertmanager, tocsin, tocsin], CONFIG.format(group_wait="1s", url=webhook.url))
    am, t1, t2 = nodes
    wait_members(nodes, 3)
    names = {n.status()["cluster"]["name"] for n in nodes}
    assert all(set(peer_names(n)) == names for n in nodes)

    # Silences: Alertmanager -> tocsin and tocsin -> Alertmanager, each within a second.
    for origin, target in ((am, t1), (am, t2), (t1, am), (t2, am)):
        sid = create_silence(origin, f"from {origin.dir}")
        wait_until(lambda: has_silence(target, sid), timeout=1.0, interval=0.02, what=f"silence {sid} on {target.dir}")

    # Same alert to all three: exactly one notification for the group.
    wait_ready(nodes)
    for n in nodes:
        assert n.post_alerts([alert("Together")])[0] == 200
    wait_until(lambda: deliveries(webhook, "Together"), timeout=10, what="a notification for Together")
    time.sleep(2 * PEER_TIMEOUT + 1.5)  # the last position has waited and deduplicated by now
    assert len(deliveries(webhook, "Together")) == 1

    # Kill the node that would notify first; the next in position sends instead.
    ordered = by_position(nodes)
    first, second = ordered[0], ordered[1]
    first.kill9()
    survivors = [n for n in nodes if n is not first]
    for n in survivors:
        assert n.post_alerts([alert("Failover")])[0] == 200
    got = wait_until(lambda: deliveries(webhook, "Failover"), timeout=15, what="a notification after the kill")
    assert sender(got[0]) == second.dir.rsplit(os.sep, 1)[-1]
    time.sleep(2 * PEER_TIMEOUT + 1.5)
    assert len(deliveries(webhook, "Failover")) == 1


def test_threeTocsin_nodeKilled9AndRestarted_keepsSilencesAndSendsNoDuplicate(tocsin, servers, webhook):
    nodes = start_cluster(servers, [tocsin] * 3, CONFIG.format(group_wait="3s", url=webhook.url))
    wait_members(nodes, 3)
    wait_ready(nodes)
    sids = [create_silence(n, f"kept {i}") for i, n in enumerate(nodes)]
    wait_until(lambda: all(has_silence(n, s) for n in nodes for s in sids), timeout=5, what="silences everywhere")

    # Group "Before" notifies once before the kill, so the log has an entry to keep.
    for n in nodes:
        n.post_alerts([alert("Before")])
    wait_until(lambda: deliveries(webhook, "Before"), timeout=10, what="a notification for Before")
    time.sleep(2 * PEER_TIMEOUT + 1)

    # Group "During": kill -9 a node inside group_wait, restart it on the same ports and storage.
    for n in nodes:
        n.post_alerts([alert("During")])
    victim = by_position(nodes)[0]
    time.sleep(1.0)
    victim.kill9()
    victim.start()
    wait_until(lambda: all(has_silence(victim, s) for s in sids), timeout=5, what="silences on the restarted node")
    # Prometheus re-sends its firing alerts to every node, the restarted one included.
    victim.post_alerts([alert("Before"), alert("During")])
    wait_until(lambda: deliveries(webhook, "During"), timeout=15, what="a notification for During")
    time.sleep(3 + 3 * PEER_TIMEOUT + 1.5)  # restarted node's group_wait + the longest position wait
    assert len(deliveries(webhook, "Before")) == 1
    assert len(deliveries(webhook, "During")) == 1
    assert all(has_silence(n, s) for n in nodes for s in sids)


def test_clusterStatus_whileAndAfterSettling_peersSortedThenReady(tocsin, servers):
    config = CONFIG.format(group_wait="1s", url="http://127.0.0.1:9")
    nodes = start_cluster(servers, [tocsin] * 3, config,
                          extra=["--cluster.settle-timeout=6s", "--cluster.gossip-interval=100ms"])
    assert nodes[0].status()["cluster"]["status"] == "settling"
    wait_members(nodes, 3)
    names = sorted(n.status()["cluster"]["name"] for n in nodes)
    for n in nodes:
        cluster = n.status()["cluster"]
        assert [p["name"] for p in cluster["peers"]] == names
        assert {p["address"] for p in cluster["peers"]} == {m.cluster_addr for m in nodes}
    wait_ready(nodes, timeout=15)


def test_clusterMetrics_twoNodes_alertmanagerNamesAndPlausibleValues(tocsin, servers):
    a, b = start_cluster(servers, [tocsin] * 2, CONFIG.format(group_wait="1s", url="http://127.0.0.1:9"))
    wait_members([a, b], 2)
    sid = create_silence(a, "metrics")
    wait_until(lambda: has_silence(b, sid), timeout=2, what="silence on b")
    wait_until(lambda: metrics(b)["alertmanager_silences_gossip_messages_propagated_total"] >= 1, timeout=2,
               what="propagated counter")
    ma, mb = metrics(a), metrics(b)
    for m, n in ((ma, a), (mb, b)):
        assert m["alertmanager_cluster_enabled"] == 1
        assert m["alertmanager_cluster_members"] == 2
        assert m['alertmanager_cluster_peer_info{peer="%s"}' % n.status()["cluster"]["name"]] == 1
        assert m["alertmanager_cluster_health_score"] == 0
        assert m["alertmanager_cluster_failed_peers"] == 0
        assert m["alertmanager_cluster_peers_joined_total"] == 2
        assert m["alertmanager_cluster_peers_left_total"] == 0
        assert m["alertmanager_cluster_reconnections_total"] == 0
        assert m['alertmanager_cluster_messages_received_total{msg_type="full_state"}'] >= 1
        assert m['alertmanager_cluster_messages_sent_total{msg_type="full_state"}'] >= 1
        assert m['alertmanager_cluster_messages_sent_total{msg_type="update"}'] >= 1
        assert m['alertmanager_cluster_messages_received_size_total{msg_type="update"}'] > 0
        assert "alertmanager_nflog_gossip_messages_propagated_total" in m
    assert sorted([ma["alertmanager_peer_position"], mb["alertmanager_peer_position"]]) == [0, 1]
    assert mb['alertmanager_cluster_messages_received_total{msg_type="update"}'] >= 1


def test_clusterPort_garbageReceived_nodeNeitherCrashesNorIsEvicted(tocsin, servers):
    a, b = start_cluster(servers, [tocsin] * 2, CONFIG.format(group_wait="1s", url="http://127.0.0.1:9"))
    wait_members([a, b], 2)
    rng = random.Random(5)
    port = a.cluster_port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for i in range(500):
            size = rng.choice([1, 2, 7, 64, 700, 1400, 9000])
            head = bytes([rng.randrange(0, 16)]) if i % 2 else b""  # valid message types with junk bodies
            udp.sendto(head + rng.randbytes(size), (HOST, port))
    for i in range(40):
        with socket.create_connection((HOST, port), timeout=2) as tcp:
            head = bytes([rng.choice([1, 6, 7, 8, 9, 0x0c, 0xF4])]) if i % 2 else b""
            try:
                tcp.sendall(head + rng.randbytes(rng.choice([1, 5, 100, 4000])))
                if i % 3 == 0:
                    tcp.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the node may close a hopeless stream early
    time.sleep(1.0)
    assert a.proc.poll() is None, a.output()
    assert len(peer_names(a)) == 2 and len(peer_names(b)) == 2
    sid = create_silence(b, "after garbage")
    wait_until(lambda: has_silence(a, sid), timeout=2, what="silence still replicates")
