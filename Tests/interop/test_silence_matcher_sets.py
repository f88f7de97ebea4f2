"""Silences with several matcher sets (0.33, made by a newer Alertmanager) reach tocsin in a
snapshot or by gossip. Tocsin mutes an alert that any one set matches, as 0.33 does, lists the
silence with its first set (the field 0.25 reads) and writes the sets back unchanged."""
import os
import time

from conftest import http, wait_until
from gossip_bytes import pb_bytes, pb_varint, timestamp, varint
from server_support import api_time, now_utc

CONFIG = """
route:
  receiver: hook
  group_wait: 1h
receivers:
- name: hook
  webhook_configs: [{url: URL}]
"""

SID = "0c5d7f1e-5b4e-4f0e-9c39-3a1d2f6b7a10"


def matcher(name, value, regex=False):
    return (pb_varint(1, 1) if regex else b"") + pb_bytes(2, name.encode()) + pb_bytes(3, value.encode())


def silence_034(now):
    """A 0.34 `MeshSilence`: the first set also in `matchers`, then both sets in field 11."""
    first = matcher("alertname", "Disk")
    # A MatcherSet is `repeated Matcher matchers = 1`.
    second = pb_bytes(1, matcher("job", "db.*", regex=True)) + pb_bytes(1, matcher("team", "ops"))
    sets = pb_bytes(11, pb_bytes(1, first)) + pb_bytes(11, second)
    silence = (pb_bytes(1, SID.encode()) + pb_bytes(2, first) + pb_bytes(3, timestamp(now - 60))
               + pb_bytes(4, timestamp(now + 3600)) + pb_bytes(5, timestamp(now - 60))
               + pb_bytes(8, b"ops") + pb_bytes(9, b"two sets") + sets)
    return pb_bytes(1, silence) + pb_bytes(2, timestamp(now + 3600 + 5 * 86400)), sets


def test_silence_twoMatcherSetsFromSnapshot_mutesByEitherSetAndKeepsBoth(servers, tocsin, webhook):
    s = servers(tocsin, CONFIG.replace("URL", webhook.url), start=False)
    entry, sets = silence_034(int(time.time()))
    os.makedirs(os.path.join(s.dir, "data"), exist_ok=True)
    with open(os.path.join(s.dir, "data", "silences"), "wb") as f:
        f.write(varint(len(entry)) + entry)
    s.start()
    t = api_time(now_utc())
    alerts = {"first": {"alertname": "Disk"}, "second": {"alertname": "Other", "job": "dbmain", "team": "ops"},
              "mixed": {"alertname": "Other", "job": "dbmain"}, "none": {"alertname": "Other", "job": "web"}}
    assert s.post_alerts([{"labels": l, "startsAt": t} for l in alerts.values()]) == (200, None)

    def silenced_by():
        status, listed = http("GET", s.url + "/api/v2/alerts")
        assert status == 200
        return {a["labels"].get("team", "") + a["labels"].get("job", "") + a["labels"]["alertname"]:
                a["status"]["silencedBy"] for a in listed}
    wait_until(lambda: len(silenced_by()) == 4, what="four alerts listed")
    got = silenced_by()
    assert got["Disk"] == [SID], "first set"
    assert got["opsdbmainOther"] == [SID], "second set"
    assert got["dbmainOther"] == [] and got["webOther"] == [], "a mix of the sets, or neither, is not muted"
    status, listed = http("GET", s.url + "/api/v2/silences")
    assert status == 200 and [m["name"] for m in listed[0]["matchers"]] == ["alertname"]
    # On shutdown the snapshot is written: both sets are in it as they came.
    s.stop()
    with open(os.path.join(s.dir, "data", "silences"), "rb") as f:
        assert sets in f.read()


def test_silence_twoMatcherSetsWrittenByTocsin_alertmanager025LoadsFirstSet(servers, tocsin, alertmanager, webhook):
    # A 0.25 peer reading tocsin's snapshot sees the silence by its first set (field 2) and
    # skips the sets it does not know.
    s = servers(tocsin, CONFIG.replace("URL", webhook.url), start=False)
    entry, _ = silence_034(int(time.time()))
    os.makedirs(os.path.join(s.dir, "data"), exist_ok=True)
    with open(os.path.join(s.dir, "data", "silences"), "wb") as f:
        f.write(varint(len(entry)) + entry)
    s.start()
    s.stop()
    am = servers(alertmanager, CONFIG.replace("URL", webhook.url), start=False)
    os.makedirs(os.path.join(am.dir, "data"), exist_ok=True)
    with open(os.path.join(s.dir, "data", "silences"), "rb") as src, \
            open(os.path.join(am.dir, "data", "silences"), "wb") as dst:
        dst.write(src.read())
    am.start()
    status, listed = http("GET", am.url + "/api/v2/silences")
    assert status == 200 and [(x["id"], [m["name"] for m in x["matchers"]]) for x in listed] == [(SID, ["alertname"])]
