"""Gossip over TLS (`--cluster.tls-config`, issue 13): one real Alertmanager 0.25 and two
tocsin nodes with the same TLS files (mutual TLS, certificates made at test time with
`openssl`) form one cluster and replicate silences both ways; a node without the TLS config,
or with certificates from another CA, cannot join; a bad file stops the start, for tocsin as
for Alertmanager, instead of gossiping in the clear.
"""
import os
import socket
import subprocess
import time

import pytest

from conftest import HOST, wait_until
from test_cluster import (CONFIG, FLAGS, PEER_TIMEOUT, alert, create_silence, deliveries, has_silence, peer_names,
                          start_cluster, wait_members, wait_ready)
from test_startup_failures import CRASH_MARKERS, run
from web_tls_support import PKI


def write_cluster_tls(directory, cert, key, ca):
    """A `--cluster.tls-config` file in `directory`, naming the files relative to it (as
    upstream resolves them against the file's directory)."""
    rel = lambda p: os.path.relpath(p, directory)  # noqa: E731
    path = os.path.join(directory, "cluster-tls.yml")
    with open(path, "w") as f:
        f.write(f"""tls_server_config:
  cert_file: {rel(cert)}
  key_file: {rel(key)}
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: {rel(ca)}
tls_client_config:
  ca_file: {rel(ca)}
  cert_file: {rel(cert)}
  key_file: {rel(key)}
""")
    return path


@pytest.fixture
def pki(tmp_path):
    return PKI(str(tmp_path / "pki"))


def tls_cluster(servers, binaries, webhook_url, tls_file):
    config = CONFIG.format(group_wait="1s", url=webhook_url)
    return start_cluster(servers, binaries, config, extra=FLAGS + [f"--cluster.tls-config={tls_file}"])


def test_clusterTLS_alertmanagerAndTwoTocsin_formOneClusterReplicateSilencesAndNotifyOnce(tocsin, alertmanager, servers,
                                                                                         pki, webhook):
    cert, key = pki.peer("peer")
    tls_file = write_cluster_tls(pki.dir, cert, key, pki.ca)
    nodes = tls_cluster(servers, [alertmanager, tocsin, tocsin], webhook.url, tls_file)
    am, t1, t2 = nodes
    wait_members(nodes, 3)
    names = {n.status()["cluster"]["name"] for n in nodes}
    assert all(set(peer_names(n)) == names for n in nodes)
    assert "using TLS for gossip" in t1.output()

    for origin, target in ((am, t1), (am, t2), (t1, am), (t2, am), (t1, t2)):
        sid = create_silence(origin, f"from {origin.dir}")
        wait_until(lambda: has_silence(target, sid), timeout=10, what=f"silence {sid} on {target.dir}")

    # The notification log replicates too: the same alert to all three, one notification.
    wait_ready(nodes)
    for n in nodes:
        assert n.post_alerts([alert("OverTLS")])[0] == 200
    wait_until(lambda: deliveries(webhook, "OverTLS"), timeout=10, what="a notification for OverTLS")
    time.sleep(2 * PEER_TIMEOUT + 1.5)  # the last position has waited and deduplicated by now
    assert len(deliveries(webhook, "OverTLS")) == 1


@pytest.mark.parametrize("outsider", ["plaintext", "other CA"])
def test_clusterTLS_nodeWithoutTheClusterCertificates_cannotJoin(outsider, tocsin, alertmanager, servers, pki, tmp_path):
    cert, key = pki.peer("peer")
    inside = tls_cluster(servers, [alertmanager, tocsin], "http://127.0.0.1:1", write_cluster_tls(pki.dir, cert, key, pki.ca))
    wait_members(inside, 2)
    extra = list(FLAGS)
    if outsider == "other CA":
        other = PKI(str(tmp_path / "other"))
        ocert, okey = other.peer("peer")
        extra.append(f"--cluster.tls-config={write_cluster_tls(other.dir, ocert, okey, other.ca)}")
    stranger = servers(tocsin, CONFIG.format(group_wait="1s", url="http://127.0.0.1:1"), cluster=True,
                       peers=[n.cluster_addr for n in inside], extra=extra, name="outsider")
    # Its join attempts reach the cluster's port and fail there.
    wait_until(lambda: "push-pull failed" in stranger.output(), timeout=20, what="the outsider's failed join")
    assert peer_names(stranger) == [stranger.status()["cluster"]["name"]]
    assert all(len(peer_names(n)) == 2 for n in inside)
    # Nor does state cross: a silence on the outsider stays there.
    sid = create_silence(stranger, "outsider")
    sid_inside = create_silence(inside[1], "inside")
    wait_until(lambda: has_silence(inside[0], sid_inside), timeout=10, what="the inside silence replicated")
    assert not any(has_silence(n, sid) for n in inside)


@pytest.mark.parametrize("case", ["missing file", "missing certificate", "unknown field", "no server config"])
@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_clusterTLS_badConfig_startStopsWithClearError(case, kind, request, servers, pki):
    cert, key = pki.peer("peer")
    path = write_cluster_tls(pki.dir, cert, key, pki.ca)
    with open(path) as f:
        good = f.read()
    if case == "missing file":
        path = os.path.join(pki.dir, "absent.yml")
        expected = "no such file or directory"
    elif case == "missing certificate":
        with open(path, "w") as f:
            f.write(good.replace("cert_file: peer.crt", "cert_file: gone.crt", 1))
        expected = "gone.crt"
    elif case == "unknown field":
        with open(path, "w") as f:
            f.write(good + "tls_sever_config: {}\n")
        expected = "tls_sever_config"
    else:
        with open(path, "w") as f:
            f.write(good.split("tls_client_config:")[0].replace("tls_server_config:", "tls_client_config:")
                    .replace("  client_auth_type: RequireAndVerifyClientCert\n", "")
                    .replace("client_ca_file", "ca_file"))
        expected = None
    s = servers(request.getfixturevalue(kind), CONFIG.format(group_wait="1s", url="http://127.0.0.1:1"),
                start=False, cluster=True)
    try:
        proc = run(s, **{"cluster.tls-config": path})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{kind} started with a bad --cluster.tls-config ({case})")
    out = proc.stdout + proc.stderr
    if kind == "alertmanager" and case == "no server config":
        # Upstream dereferences the missing section and panics: refused all the same.
        assert proc.returncode != 0, out
        return
    assert proc.returncode == 1, out
    assert "gossip mesh" in out, out
    if kind == "tocsin":
        assert not any(m in out for m in CRASH_MARKERS), out
        assert expected is None or expected in out, out
        if case == "no server config":
            assert "tls_server_config is missing" in out, out


def test_clusterTLS_connectionThatNeverSendsAFrame_closedByTheNode(tocsin, servers, pki):
    cert, key = pki.peer("peer")
    tls_file = write_cluster_tls(pki.dir, cert, key, pki.ca)
    node = servers(tocsin, CONFIG.format(group_wait="1s", url="http://127.0.0.1:1"), cluster=True,
                   extra=FLAGS + [f"--cluster.tls-config={tls_file}", "--cluster.tcp-timeout=2s"])
    # Upstream keeps such a connection (a handshake never started) open for good; tocsin
    # closes it at the TCP timeout, so idle sockets cannot pile up.
    with socket.create_connection((HOST, node.cluster_port)) as s:
        s.settimeout(60)
        try:
            assert s.recv(1) == b""
        except ConnectionResetError:
            pass
    assert node.ready()
