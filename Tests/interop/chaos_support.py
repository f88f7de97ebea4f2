"""Helpers for test_chaos.py: a loopback partition with iptables, RSS from /proc, counting
lost and duplicated notifications per group, a tmpfs mount, all undone on exit.

The partition: every node listens on 127.0.0.1 with its own cluster port, so a node cannot
be told apart by address; its outgoing TCP streams also leave from ephemeral ports. The
isolated node therefore runs as another user (`nobody`), and the rules drop, in OUTPUT on
`lo`, (a) every packet that user sends to the other nodes' cluster ports and (b) every packet
any other user sends to the isolated node's cluster port. UDP and TCP, both directions,
nothing else touched (the API ports stay reachable). Rules carry a comment unique to the
test run and are deleted by that comment.
"""
import contextlib
import os
import shutil
import subprocess
import uuid

from conftest import wait_until

NOBODY = 65534


def rss_mib(pid):
    """(VmRSS, VmHWM) of a process in MiB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0]) / 1024
    return out["VmRSS"], out["VmHWM"]


def start_as(server, uid):
    """Server.start, but the process runs as `uid` (its data dir is handed over first)."""
    data = os.path.join(server.dir, "data")
    os.makedirs(data, exist_ok=True)
    for d in (server.dir, os.path.dirname(server.dir)):
        os.chmod(d, 0o755)
    os.chown(data, uid, uid)
    # The checkout may sit below a directory only root can enter (CI clones anywhere), so
    # the other user runs a copy of the binary from the test's own directory.
    copy = os.path.join(server.dir, os.path.basename(server.binary))
    shutil.copy2(server.binary, copy)
    os.chmod(copy, 0o755)
    args = [copy] + server.args()[1:]
    server.log = open(server.log_path, "ab")
    server.proc = subprocess.Popen(args, stdout=server.log, stderr=subprocess.STDOUT, user=uid)
    wait_until(server.up, timeout=20, what=f"{server.binary} on {server.url} as uid {uid}")
    return server


def _iptables(*args):
    subprocess.run(["iptables", "-w", *args], check=True, capture_output=True)


@contextlib.contextmanager
def partition(isolated_port, other_ports, isolated_uid=NOBODY):
    """Cuts the isolated node (running as isolated_uid, cluster port isolated_port) from the
    nodes on other_ports until the block exits; the rules are removed even on failure."""
    tag = f"tocsin-chaos-{uuid.uuid4().hex[:8]}"
    rules = []
    for proto in ("udp", "tcp"):
        for port in other_ports:
            rules.append(["-o", "lo", "-p", proto, "--dport", str(port), "-m", "owner",
                          "--uid-owner", str(isolated_uid)])
        rules.append(["-o", "lo", "-p", proto, "--dport", str(isolated_port), "-m", "owner",
                      "!", "--uid-owner", str(isolated_uid)])
    state = {"on": False}

    def heal():
        if state["on"]:
            for r in rules:
                subprocess.run(["iptables", "-w", "-D", "OUTPUT", *r, "-m", "comment", "--comment", tag,
                                "-j", "DROP"], capture_output=True)
            state["on"] = False

    try:
        for r in rules:
            state["on"] = True
            _iptables("-I", "OUTPUT", *r, "-m", "comment", "--comment", tag, "-j", "DROP")
        yield heal
    finally:
        heal()
        left = subprocess.run(["iptables", "-w", "-S", "OUTPUT"], capture_output=True, text=True).stdout
        assert tag not in left, f"partition rules left behind:\n{left}"


@contextlib.contextmanager
def tmpfs(path, size="256k"):
    os.makedirs(path, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", path], capture_output=True)


def fill(directory):
    """Writes a file until the filesystem answers ENOSPC; returns its path and size."""
    path = os.path.join(directory, "filler")
    written = 0
    with open(path, "wb", buffering=0) as f:
        for chunk in (65536, 4096, 1):
            for _ in range(100_000):
                try:
                    written += f.write(b"\0" * chunk)
                except OSError:
                    break
    return path, written


def group_counts(records, groups):
    """{group: number of notifications} for the given alertname groups (firing ones only)."""
    counts = {g: 0 for g in groups}
    for r in records:
        body = r.get("body") or {}
        g = body.get("groupLabels", {}).get("alertname")
        if g in counts and body.get("status") == "firing":
            counts[g] += 1
    return counts


def lost_and_duplicated(records, groups):
    """(lost groups, duplicated notifications, counts): a group never notified is lost; every
    notification of a group beyond its first (all within one repeat_interval) is a duplicate."""
    counts = group_counts(records, groups)
    lost = sorted(g for g, n in counts.items() if n == 0)
    return lost, sum(n - 1 for n in counts.values() if n > 1), counts
