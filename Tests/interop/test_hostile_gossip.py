"""Hostile gossip against a real tocsin node (issue #19): UDP packets and TCP streams a
hostile or broken peer can send to the cluster port. The node must stay up, keep serving
its API, refuse what Alertmanager 0.25 refuses, and count what it refuses over a limit.

Each hostile packet is followed by a valid silence on the same UDP socket; the node handles
datagrams in order, so once the valid silence shows up in the API the hostile one has been
handled too (no sleeping).
"""
import socket
import time
import uuid

from conftest import HOST, http, wait_until
from gossip_bytes import compress_message, mesh_silence, silence_user_packet
from server_support import metric

CONFIG = """
route:
  receiver: r
receivers:
- name: r
"""
FLAGS = ["--cluster.settle-timeout=0s"]
INT64_MAX = (1 << 63) - 1
INT64_MIN = -(1 << 63)


def start_node(servers, tocsin):
    return servers(tocsin, CONFIG, cluster=True, extra=FLAGS)


def send_udp(node, *packets):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for p in packets:
            udp.sendto(p, (HOST, node.cluster_port))


def silence_ids(node):
    status, body = http("GET", node.url + "/api/v2/silences")
    assert status == 200, body
    return {s["id"] for s in body}


def valid_silence(comment="marker"):
    now = int(time.time())
    sid = str(uuid.uuid4())
    return sid, mesh_silence(sid, now - 60, now + 3600, now, now + 3600 + 432000, comment=comment)


def send_then_marker(node, hostile):
    """Sends the hostile packet, then a valid silence; returns once the node merged the latter."""
    marker, packet = valid_silence()
    send_udp(node, hostile, silence_user_packet(packet))
    wait_until(lambda: marker in silence_ids(node), what="the marker silence after the hostile packet")


def assert_healthy(node):
    assert node.proc.poll() is None, node.output()
    assert http("GET", node.url + "/-/healthy")[0] == 200


def test_udp_silence_expiresAtMaxInt64_rejected_nodeStaysUp(tocsin, servers):
    node = start_node(servers, tocsin)
    now = int(time.time())
    bad = mesh_silence("bad-expires", now, now + 3600, now, INT64_MAX)
    send_then_marker(node, silence_user_packet(bad))
    assert "bad-expires" not in silence_ids(node)
    assert_healthy(node)


def test_udp_silence_startsAtMinInt64_rejected_listingStillServed(tocsin, servers):
    node = start_node(servers, tocsin)
    now = int(time.time())
    bad = mesh_silence("bad-starts", INT64_MIN, now + 3600, now, now + 7200)
    send_then_marker(node, silence_user_packet(bad))
    assert "bad-starts" not in silence_ids(node)
    assert_healthy(node)
    # A restart (loading the journal) does not bring it back either.
    node.stop()
    node.start()
    assert "bad-starts" not in silence_ids(node)


def test_udp_lzwBomb_refusedAndCounted(tocsin, servers):
    node = start_node(servers, tocsin)
    bomb = compress_message(bytes(1 << 20))  # 1 MiB of zeros in about 1.9 KB
    assert len(bomb) < 2048
    send_then_marker(node, bomb)
    assert metric(node.url, "tocsin_cluster_inbound_rejected_total", {"reason": "udp_decompressed_too_large"}) == 1
    assert_healthy(node)


def read_reply(sock):
    chunks = []
    while True:
        try:
            b = sock.recv(65536)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
    return b"".join(chunks)


def test_tcp_pushPullOverLimits_refusedWithErrorReply(tocsin, servers):
    node = start_node(servers, tocsin)
    # A push-pull header claiming a million nodes (06 {Join, Nodes, UserStateLen}).
    too_many = b"\x06\x83\xa4Join\xc2\xa5Nodes\xce\x00\x0f\x42\x40\xacUserStateLen\x00"
    # A compress header declaring a 2 GiB buffer: refused before any of it is read.
    too_large = b"\x09\x82\xa4Algo\x00\xa3Buf\xc6\x7f\xff\xff\xff"
    for hostile in (too_many, too_large):
        with socket.create_connection((HOST, node.cluster_port), timeout=5) as tcp:
            tcp.sendall(hostile)
            reply = read_reply(tcp)
        assert reply, "expected an errMsg reply"
    assert metric(node.url, "tocsin_cluster_inbound_rejected_total", {"reason": "too_many_nodes"}) == 1
    assert metric(node.url, "tocsin_cluster_inbound_rejected_total", {"reason": "stream_too_large"}) == 1
    assert_healthy(node)


def test_tcp_manyIdleStreams_beyondLimitClosed_nodeServesAfterwards(tocsin, servers):
    node = start_node(servers, tocsin)
    conns = []
    try:
        for _ in range(40):
            conns.append(socket.create_connection((HOST, node.cluster_port), timeout=5))
        wait_until(lambda: (metric(node.url, "tocsin_cluster_inbound_rejected_total",
                                   {"reason": "too_many_streams"}) or 0) >= 8,
                   what="connections beyond the limit refused")
        assert_healthy(node)
    finally:
        for c in conns:
            c.close()
    # Slots are given back: gossip over TCP works again.
    wait_until(lambda: stream_accepted(node), what="a stream accepted after the idle ones closed")


def stream_accepted(node):
    """A TCP ping (type 0 on a stream) is answered with an ack when a slot is free."""
    ping = b"\x00\x82\xa5SeqNo\x07\xa4Node\xa0"
    with socket.create_connection((HOST, node.cluster_port), timeout=5) as tcp:
        tcp.sendall(ping)
        return read_reply(tcp) != b""


def test_tcp_limitFlagsLowered_smallerInputRefusedAndCounted(tocsin, servers):
    node = servers(tocsin, CONFIG, cluster=True, extra=FLAGS + [
        "--cluster.max-pushpull-nodes=2", "--cluster.max-stream-bytes=1000"])
    three_nodes = b"\x06\x83\xa4Join\xc2\xa5Nodes\x03\xacUserStateLen\x00"
    # A compress header declaring a 2,000-byte buffer (bin16).
    two_kb = b"\x09\x82\xa4Algo\x00\xa3Buf\xc5\x07\xd0"
    for hostile in (three_nodes, two_kb):
        with socket.create_connection((HOST, node.cluster_port), timeout=5) as tcp:
            tcp.sendall(hostile)
            assert read_reply(tcp), "expected an errMsg reply"
    assert metric(node.url, "tocsin_cluster_inbound_rejected_total", {"reason": "too_many_nodes"}) == 1
    assert metric(node.url, "tocsin_cluster_inbound_rejected_total", {"reason": "stream_too_large"}) == 1
    assert_healthy(node)
