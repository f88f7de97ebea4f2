"""Measurements run against one Alertmanager-compatible server (tocsin or the real one).

Every function takes the server's base URL (and PID where memory or CPU is read), talks
HTTP over loopback through loadgen.py's keep-alive client, and returns plain dicts
of figures. Nothing here asserts a timing: callers print what was measured.
"""
import json
import os
import statistics
import time
from datetime import datetime, timedelta, timezone

from loadgen import Client, push, request_bytes, rfc3339
from node import memory_kib

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """user+sys CPU seconds the process has used so far (0 when it is gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def mem_mib(pid):
    m = memory_kib(pid)
    return round(m.get("VmRSS", 0) / 1024, 1), round(m.get("VmHWM", 0) / 1024, 1)


def ingest(url, pid, n_alerts, batch, concurrency, max_seconds, tag):
    """loadgen.py's pusher: n distinct alerts once, in `batch`-alert POSTs; RSS afterwards."""
    cpu0 = cpu_seconds(pid)
    # endsAt one hour ahead: the alerts must stay firing through the GET measurements.
    r = push(url, n_alerts, batch=batch, passes=1, concurrency=concurrency, max_seconds=max_seconds,
             tag=tag, ends_in=3600)
    cpu = cpu_seconds(pid) - cpu0
    time.sleep(1.0)  # let subscribers (dispatcher, inhibitor) drain before reading memory
    rss, hwm = mem_mib(pid)
    return {
        "alerts_per_s": r["alerts_per_s"], "p50_ms": r["latency_ms"]["p50"], "p99_ms": r["latency_ms"]["p99"],
        "seconds": r["seconds"], "accepted": r["alerts_accepted"], "completed": r["completed"],
        "errors": r["errors"], "server_cpu_s": round(cpu, 2), "rss_mib": rss, "hwm_mib": hwm,
    }


def timed_get(url, path, repeats, timeout, count_key):
    """GET `path` `repeats` times on one keep-alive connection.
    Returns all latencies (s), the body size and how many `count_key` occurrences the
    last body held (a cheap item count that needs no JSON parse of a 70 MB body)."""
    c = Client(url, timeout=timeout)
    req = request_bytes("GET", url.rstrip("/") + path)
    lats, size, items, status, suppressed = [], 0, 0, 0, 0
    try:
        for _ in range(repeats):
            status, body, lat = c.request(req)
            lats.append(lat)
            size, items = len(body), body.count(count_key)
            suppressed = body.count(b'"state":"suppressed"')
    finally:
        c.close()
    return {"status": status, "latencies_s": [round(x, 4) for x in lats], "bytes": size,
            "items": items, "suppressed": suppressed}


def get_alerts(url, repeats, timeout, query=""):
    r = timed_get(url, "/api/v2/alerts" + query, repeats, timeout, b'"fingerprint":')
    r["median_ms"] = round(statistics.median(r["latencies_s"]) * 1000, 1)
    return r


def silence_body(j, tag, regex):
    """A silence matching exactly loadgen.py's alert number j: alertname and instance equality,
    or with `regex` an instance regex (so an equality index cannot cover every silence)."""
    now = datetime.now(timezone.utc)
    inst = "%snode-%06d:9100" % (tag, j)
    matchers = [{"name": "alertname", "value": "LoadAlert%03d" % (j % 100), "isRegex": False, "isEqual": True}]
    if regex:
        matchers.append({"name": "instance", "value": "%snode-%06d:.*" % (tag, j),
                         "isRegex": True, "isEqual": True})
    else:
        matchers.append({"name": "instance", "value": inst, "isRegex": False, "isEqual": True})
    return json.dumps({
        "matchers": matchers, "startsAt": rfc3339(now - timedelta(seconds=5)),
        "endsAt": rfc3339(now + timedelta(hours=2)), "createdBy": "bench",
        "comment": "benchmark silence for alert %d" % j,
    }, separators=(",", ":")).encode()


def create_silences(url, n, tag, stride, regex_every, max_seconds, body_fn=None):
    """POSTs n silences, silence k matching alert k*stride (or `body_fn(k)`'s silence);
    returns count and rate."""
    c = Client(url, timeout=30)
    ok, errors, t0 = 0, {}, time.perf_counter()
    deadline = time.time() + max_seconds
    try:
        for k in range(n):
            if time.time() > deadline:
                break
            body = body_fn(k) if body_fn else silence_body(k * stride, tag, bool(regex_every) and k % regex_every == 0)
            st, resp, _ = c.request(request_bytes("POST", url.rstrip("/") + "/api/v2/silences", body))
            if st == 200:
                ok += 1
            else:
                errors[st] = errors.get(st, 0) + 1
                if len(errors) == 1 and errors[st] == 1:
                    errors["first_body"] = resp[:200].decode(errors="replace")
    finally:
        c.close()
    wall = time.perf_counter() - t0
    return {"created": ok, "seconds": round(wall, 2), "per_s": round(ok / wall, 1) if wall else None,
            "errors": errors}


def get_silences(url, repeats, timeout):
    r = timed_get(url, "/api/v2/silences", repeats, timeout, b'"id":')
    r["median_ms"] = round(statistics.median(r["latencies_s"]) * 1000, 1)
    return r


def mixed_silence_body(k, tag, stride):
    """Silence k of the issue-4 "loaded" mix (issue 4: ingest with silences and inhibition
    rules loaded). Most silences match nothing, like a long-lived production set:
      k % 20 == 0   alertname + instance equality matching alert k*stride;
      k % 20 == 10  alertname equality + instance regex matching alert k*stride;
      k % 10 == 5   team equality + instance regex matching no alert;
      otherwise     alertname + instance + team equality on an alertname no alert has."""
    now = datetime.now(timezone.utc)
    j = k * stride

    def m(name, value, regex=False):
        return {"name": name, "value": value, "isRegex": regex, "isEqual": True}

    if k % 20 == 0:
        matchers = [m("alertname", "LoadAlert%03d" % (j % 100)), m("instance", "%snode-%06d:9100" % (tag, j))]
    elif k % 20 == 10:
        matchers = [m("alertname", "LoadAlert%03d" % (j % 100)), m("instance", "%snode-%06d:.*" % (tag, j), True)]
    elif k % 10 == 5:
        matchers = [m("team", TEAMS_FOR_SILENCES[k % 4]), m("instance", "db-%05d.*" % k, True)]
    else:
        matchers = [m("alertname", "OtherAlert%03d" % (k % 300)), m("instance", "host-%06d:9100" % k),
                    m("team", TEAMS_FOR_SILENCES[k % 4])]
    return json.dumps({
        "matchers": matchers, "startsAt": rfc3339(now - timedelta(seconds=5)),
        "endsAt": rfc3339(now + timedelta(hours=2)), "createdBy": "bench",
        "comment": "benchmark mixed silence %d" % k,
    }, separators=(",", ":")).encode()


TEAMS_FOR_SILENCES = ["infra", "db", "web", "payments"]
EQUAL_SETS = [["cluster"], ["cluster", "namespace"], ["job"], ["team", "cluster"]]


def inhibit_config(base_path, out_path, n_rules):
    """Writes `base_path` plus `n_rules` inhibition rules (critical source -> warning target,
    varied matchers and equal label sets; every 4th source matcher a regex) to `out_path`."""
    with open(base_path) as f:
        base = f.read().rstrip("\n")
    lines = [base, "inhibit_rules:"]
    for r in range(n_rules):
        if r % 4 == 3:
            src = 'alertname=~"LoadAlert0%d.*"' % (r % 10)
        else:
            src = 'alertname="LoadAlert%03d"' % (r % 100)
        lines += [
            "- source_matchers: ['severity=\"critical\"', '%s']" % src.replace("'", "''"),
            "  target_matchers: ['severity=\"warning\"', 'alertname=\"LoadAlert%03d\"']" % ((r + 1) % 100),
            "  equal: [%s]" % ", ".join(EQUAL_SETS[r % len(EQUAL_SETS)]),
        ]
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return out_path
