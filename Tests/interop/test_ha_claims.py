"""HA delivery without duplicates (issue 17): send claims, idempotency keys, possible
duplicates during a partition, all with real processes.

Three-node clusters with --cluster.peer-timeout=1s: node positions 0, 1, 2 notify at 0 s,
1 s and 2 s after a flush. Alertmanager's later nodes only stay quiet if the first node's
notification-log entry has arrived by then; tocsin's also wait while the first node holds a
live claim (lease 3 × peer timeout, renewed while it sends or retries). The sink tells the
senders apart by the external URL each node puts in its payload. The partition reuses
chaos_support's iptables rules (the isolated node runs as `nobody`).
"""
import os
import time

from chaos_support import NOBODY, group_counts, partition, start_as
from conftest import http, wait_until
from server_support import metric, quiet_for
from test_chaos import CLUSTER_FLAGS, members, sender_of, silence, silence_ids, wait_cluster

PEER_TIMEOUT = 1.0
LEASE = 3 * PEER_TIMEOUT
CONFIG = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 30s
  repeat_interval: 1h
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
"""
GROUPS = [f"Slow{i}" for i in range(5)]


def cluster(servers, binary, webhook, count=3, start=True):
    nodes = [servers(binary, CONFIG.format(url=webhook.url), start=False, cluster=True, extra=list(CLUSTER_FLAGS),
                     name=f"n{i}") for i in range(count)]
    for n in nodes:
        n.peers = [m.cluster_addr for m in nodes if m is not n]
        n.extra.append(f"--web.external-url=http://{os.path.basename(n.dir)}.test/")
    if start:
        for n in nodes:
            n.start()
        wait_cluster(nodes)
    return nodes


def post_everywhere(nodes, names):
    for name in names:
        for n in nodes:  # Prometheus sends every alert to every node
            assert n.post_alerts([{"labels": {"alertname": name, "job": "ha"}}])[0] == 200


def wait_groups(webhook, groups, timeout=20):
    wait_until(lambda: all(c >= 1 for c in group_counts(webhook.records(), groups).values()), timeout=timeout,
               what=f"every one of {groups} notified")


def slow_receiver_duplicates(nodes, webhook):
    """Posts 5 groups to every node of a cluster whose receiver answers after 4 s; returns
    (duplicates, counts) once the last node's turn and the slow answers are over."""
    webhook.delay = 4.0
    post_everywhere(nodes, GROUPS)
    wait_groups(webhook, GROUPS)
    quiet_for(4.0 + 2 * PEER_TIMEOUT + 1.0)  # every node's turn came and its answer arrived
    counts = group_counts(webhook.records(), GROUPS)
    return sum(c - 1 for c in counts.values()), counts


def test_haClaims_slowReceiverFiveGroups_tocsinNotifiesEachOnce(tocsin, servers, webhook):
    nodes = cluster(servers, tocsin, webhook)
    duplicates, counts = slow_receiver_duplicates(nodes, webhook)
    print(f"\nslow receiver (4 s), 3 tocsin nodes, peer timeout 1 s: {duplicates} duplicates over "
          f"{len(GROUPS)} groups {counts}", flush=True)
    assert counts == {g: 1 for g in GROUPS}
    keys = {r["body"]["groupLabels"]["alertname"]: r["headers"].get("idempotency-key") for r in webhook.records()}
    assert all(keys.values()) and len(set(keys.values())) == len(GROUPS), keys


def test_haClaims_slowReceiverFiveGroups_alertmanagerNotifiesDuplicates(alertmanager, servers, webhook):
    nodes = cluster(servers, alertmanager, webhook)
    duplicates, counts = slow_receiver_duplicates(nodes, webhook)
    print(f"\nslow receiver (4 s), 3 Alertmanager 0.25 nodes, peer timeout 1 s: {duplicates} duplicates over "
          f"{len(GROUPS)} groups {counts}", flush=True)
    assert duplicates > 1, counts


def test_haClaims_receiverFailsThreeTimes_oneNodeRetriesAndDeliversOnce(tocsin, servers, webhook):
    nodes = cluster(servers, tocsin, webhook)
    webhook.fail_first, webhook.fail_status = 3, 500
    post_everywhere(nodes, ["Flaky"])
    wait_until(lambda: any(r["status"] == 200 for r in webhook.records()), timeout=20, what="a successful delivery")
    quiet_for(2 * PEER_TIMEOUT + 1.0)
    records = webhook.records()
    assert [r["status"] for r in records] == [500, 500, 500, 200], [(sender_of(r), r["status"]) for r in records]
    assert len({sender_of(r) for r in records}) == 1, "another node attempted while the lease was live"
    assert len({r["headers"].get("idempotency-key") for r in records}) == 1


def test_haClaims_holderKilledWhileRetrying_peerDeliversWithinLeaseAndPeerTimeout(tocsin, servers, webhook):
    nodes = cluster(servers, tocsin, webhook)
    webhook.status = 500
    post_everywhere(nodes, ["Orphan"])
    wait_until(lambda: len(webhook.records()) >= 2, timeout=20, what="the holder retrying")
    holder = sender_of(webhook.records()[0])
    assert {sender_of(r) for r in webhook.records()} == {holder}
    victim = next(n for n in nodes if os.path.basename(n.dir) == holder)
    victim.kill9()
    killed = time.time()
    webhook.status = 200
    delivered = wait_until(lambda: [r for r in webhook.records() if r["status"] == 200], timeout=20,
                           what="delivery by another node")
    took = delivered[0]["ts"] - killed
    print(f"\nholder {holder} killed while retrying: {sender_of(delivered[0])} delivered {took:.2f} s later "
          f"(lease {LEASE:.0f} s + peer timeout {PEER_TIMEOUT:.0f} s)", flush=True)
    assert sender_of(delivered[0]) != holder
    # The holder renewed its lease at most a third of a lease before it died; the next node
    # in order takes over when the lease ends (0.25 s is the waiters' re-check period).
    assert took <= LEASE + PEER_TIMEOUT + 0.25, took


def test_haClaims_mixedClusterTwoTocsinOneAlertmanager_healthyAndSilencesReplicate(tocsin, alertmanager, servers,
                                                                                    webhook):
    nodes = cluster(servers, tocsin, webhook, start=False)
    am = servers(alertmanager, CONFIG.format(url=webhook.url), start=False, cluster=True, extra=list(CLUSTER_FLAGS),
                 name="am")
    am.extra.append("--web.external-url=http://am.test/")
    everyone = nodes[:2] + [am]
    for n in everyone:
        n.peers = [m.cluster_addr for m in everyone if m is not n]
        n.start()
    wait_cluster(everyone)
    # Claims go out for these notifications; the push-pull (every 2 s) runs meanwhile.
    post_everywhere(everyone, ["MixedA", "MixedB"])
    wait_groups(webhook, ["MixedA", "MixedB"])
    ids = set()
    for n in everyone:
        status, body = n.post_silence(silence(f"mixed from {os.path.basename(n.dir)}"))
        assert status == 200, body
        ids.add(body["silenceID"])
    wait_until(lambda: all(ids <= silence_ids(n) for n in everyone), timeout=15, what="silences on every node")
    quiet_for(2 * 2.0 + 1.0)  # two push-pull rounds with Alertmanager
    assert all(members(n) == 3 for n in everyone)
    log = am.output()
    # Alertmanager 0.25 drops a broadcast of an unknown key silently and would warn about an
    # unknown key in a push-pull's full state ("unknown state key"): claims never go there.
    assert "tocsin-claims" not in log and "unknown state key" not in log, log
    assert not [line for line in log.splitlines() if "level=warn" in line or "level=error" in line], log


def test_haClaims_partitionOneAgainstTwo_bothSidesSendSameKeyAndCount(tocsin, servers, webhook):
    nodes = cluster(servers, tocsin, webhook, start=False)
    lone, rest = nodes[0], nodes[1:]
    start_as(lone, NOBODY)
    for n in rest:
        n.start()
    wait_cluster(nodes)
    with partition(lone.cluster_port, [n.cluster_port for n in rest]):
        wait_until(lambda: members(lone) == 1 and all(members(n) == 2 for n in rest), timeout=20,
                   what="both sides see the split")
        post_everywhere(nodes, ["Split"])
        wait_until(lambda: len(webhook.records()) >= 2, timeout=15, what="both sides notify")
        quiet_for(2 * PEER_TIMEOUT + 0.5)
        records = webhook.records()
        senders = [sender_of(r) for r in records]
        print(f"\npartition 1 | 2: sends {senders}", flush=True)
        # Each side sends once. (The majority's second node used to send too now and then:
        # SwiftNIO closed the UDP channel on the EPERM of a packet to the isolated node, and
        # the gossip queued with it was lost; UDPTCPTransport now rebinds and resends.)
        assert senders.count("n0") == 1 and len(senders) == 2, senders
        keys = {r["headers"].get("idempotency-key") for r in records}
        assert len(keys) == 1 and None not in keys, keys
        assert metric(lone.url, "tocsin_notifications_possible_duplicates_total", {"integration": "webhook"}) == 1
        peers_of_rest = set()
        for n in rest:
            peers_of_rest |= {p["name"] for p in n.status()["cluster"]["peers"]}
        assert "unreachable_peers" in lone.output()
        assert all(name in lone.output() for name in peers_of_rest), "the lone node logs the peers it missed"


def test_haClaims_nodeKilledAndRestartedWhileGroupDue_notReadyUntilSettledAndNoDuplicate(tocsin, servers, webhook):
    nodes = cluster(servers, tocsin, webhook)
    post_everywhere(nodes, ["Before"])
    wait_groups(webhook, ["Before"])
    sender = sender_of(webhook.records()[0])
    victim = next(n for n in nodes if os.path.basename(n.dir) != sender)
    victim.kill9()
    rest = [n for n in nodes if n is not victim]
    post_everywhere(rest, ["During"])  # sent while the victim is down: not in its storage
    wait_groups(webhook, ["During"])
    # Same storage and peers; a long settle timeout keeps the settling window wide (it ends
    # by member count, 5 polls of 10 x the 100 ms gossip interval, or by push-pull).
    victim.extra = [a for a in victim.extra if not a.startswith("--cluster.settle-timeout")]
    victim.extra.append("--cluster.settle-timeout=30s")
    restarted = time.time()
    victim.start()
    status, body = http("GET", victim.url + "/-/ready")
    assert (status, body) == (503, "Not ready: waiting for the cluster to settle\n")
    assert victim.probe("/-/healthy") == 200
    post_everywhere([victim], ["Before", "During"])  # Prometheus resends both; both groups are due
    wait_until(victim.ready, timeout=40, what="the restarted node settled")
    settled = time.time() - restarted
    assert victim.status()["cluster"]["status"] == "ready"
    quiet_for(1.0 + 2 * PEER_TIMEOUT + 1.0)  # group_wait, then the victim's turn at any position
    print(f"\nrestarted node: /-/ready 503 for {settled:.1f} s, then 200", flush=True)
    assert group_counts(webhook.records(), ["Before", "During"]) == {"Before": 1, "During": 1}
    assert os.path.basename(victim.dir) not in {sender_of(r) for r in webhook.records()}


def test_haClaims_restartedNodeCutFromPeers_notReadyAndSilentUntilItMergesTheirLog(tocsin, servers, webhook):
    nodes = cluster(servers, tocsin, webhook, start=False)
    victim, rest = nodes[0], nodes[1:]
    for n in nodes:  # the peers retry the restarted node's address every second
        n.extra.append("--cluster.reconnect-interval=1s")
    start_as(victim, NOBODY)
    for n in rest:
        n.start()
    wait_cluster(nodes)
    victim.kill9()
    post_everywhere(rest, ["During"])  # sent while the victim is down: not in its storage
    wait_groups(webhook, ["During"])
    with partition(victim.cluster_port, [n.cluster_port for n in rest]) as heal:
        # Same storage and peers, none reachable: no push-pull, so no settling before the
        # settle timeout (Alertmanager's member count alone would settle it in 5 s here).
        victim.extra = [a for a in victim.extra if not a.startswith("--cluster.settle-timeout")]
        victim.extra.append("--cluster.settle-timeout=60s")
        start_as(victim, NOBODY)
        post_everywhere([victim], ["During"])  # Prometheus resends it; group_wait is 1 s
        quiet_for(1.0 + 5.0 + 2 * PEER_TIMEOUT + 1.0)  # past the flush, a member-count settle and any turn
        status, body = http("GET", victim.url + "/-/ready")
        assert (status, body) == (503, "Not ready: waiting for the cluster to settle\n")
        assert victim.status()["cluster"]["status"] == "settling"
        assert group_counts(webhook.records(), ["During"]) == {"During": 1}, "the cut-off node notified"
        heal()
        healed = time.time()
        wait_until(victim.ready, timeout=40, what="the restarted node settled after the heal")
        print(f"\ncut-off restarted node: ready {time.time() - healed:.1f} s after the heal", flush=True)
    quiet_for(2 * PEER_TIMEOUT + 1.0)  # its turn at any position, now with the peers' log
    assert group_counts(webhook.records(), ["During"]) == {"During": 1}
    assert os.path.basename(victim.dir) not in {sender_of(r) for r in webhook.records()}
