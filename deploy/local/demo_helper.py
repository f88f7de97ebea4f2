#!/usr/bin/env python3
"""Small helpers for deploy/local/demo.sh (standard library only, loopback only).

    demo_helper.py ports N                        N distinct free TCP ports on 127.0.0.1
    demo_helper.py wait-ready TIMEOUT URL...      every URL answers GET /-/ready with 200
    demo_helper.py wait-cluster N TIMEOUT URL...  every node sees N members and has settled
    demo_helper.py alert-counts URL...            how many alerts each node holds
    demo_helper.py position0 URL...               index (in the argument list) of the node at
                                                  cluster position 0, and its peer name
    demo_helper.py deliveries SINK_URL --after T --groups A,B --timeout S --quiet Q
                                                  wait until every group got a notification
                                                  after unix time T, then Q more seconds;
                                                  print them and a JSON count line

Position 0 is the node whose peer name sorts first among the members: Alertmanager makes
the node at position p wait p x --cluster.peer-timeout before sending, so position 0 is
the one that normally delivers and the one whose loss the demo wants to show.
"""
import json
import socket
import sys
import time
import urllib.request


def get_json(url, timeout=2.0):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def ports(n):
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        print(" ".join(str(s.getsockname()[1]) for s in socks))
    finally:
        for s in socks:
            s.close()


def poll(pred, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if pred():
                return
        except OSError:
            pass
        time.sleep(0.25)
    sys.exit(f"demo: timed out after {timeout:.0f}s waiting for {what}")


def ready(url):
    with urllib.request.urlopen(url + "/-/ready", timeout=1) as r:
        return r.status == 200


def wait_ready(timeout, urls):
    poll(lambda: all(ready(u) for u in urls), timeout, "the servers to answer /-/ready")


def wait_cluster(n, timeout, urls):
    def settled():
        for u in urls:
            c = get_json(u + "/api/v2/status")["cluster"]
            if c.get("status") != "ready" or len(c.get("peers") or []) != n:
                return False
        return True
    poll(settled, timeout, f"{len(urls)} nodes to see {n} members and settle")


def position0(urls):
    names = []
    for u in urls:
        names.append(get_json(u + "/api/v2/status")["cluster"]["name"])
    members = sorted(p["name"] for p in get_json(urls[0] + "/api/v2/status")["cluster"]["peers"])
    first = members[0]
    print(names.index(first), first)


def deliveries(sink, after, groups, timeout, quiet, t0):
    def records():
        out = []
        for r in get_json(sink + "/_records"):
            body = r.get("body") or {}
            if r["ts"] >= after and isinstance(body, dict):
                out.append((r["ts"], body.get("groupLabels", {}).get("alertname", "?"), body))
        return out

    def all_seen():
        seen = {g for _, g, _ in records()}
        return all(g in seen for g in groups)

    poll(all_seen, timeout, "a notification for every group " + ",".join(groups))
    time.sleep(quiet)
    counts = {g: 0 for g in groups}
    senders = {}
    for ts, group, body in sorted(records(), key=lambda x: x[0]):
        counts[group] = counts.get(group, 0) + 1
        sender = body.get("externalURL", "?")
        senders.setdefault(group, []).append(sender)
        print(f"  delivered  +{ts - t0:5.1f}s  group={group:<16} status={body.get('status')} "
              f"alerts={len(body.get('alerts', []))} sent-by={sender}", flush=True)
    print("COUNTS " + json.dumps({"counts": counts, "senders": senders}), flush=True)


def main(argv):
    cmd, rest = argv[1], argv[2:]
    if cmd == "ports":
        ports(int(rest[0]))
    elif cmd == "wait-ready":
        wait_ready(float(rest[0]), rest[1:])
    elif cmd == "wait-cluster":
        wait_cluster(int(rest[0]), float(rest[1]), rest[2:])
    elif cmd == "alert-counts":
        print(" ".join(f"node{i}={len(get_json(u + '/api/v2/alerts'))}" for i, u in enumerate(rest)))
    elif cmd == "position0":
        position0(rest)
    elif cmd == "deliveries":
        opts = dict(zip(rest[1::2], rest[2::2]))
        deliveries(rest[0], float(opts["--after"]), opts["--groups"].split(","), float(opts["--timeout"]),
                   float(opts["--quiet"]), float(opts.get("--t0", opts["--after"])))
    else:
        sys.exit(f"demo_helper: unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
