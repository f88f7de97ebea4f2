"""Snapshot files in --storage.path exchanged with the real Alertmanager 0.25 (issue 4).

Silences created in one implementation, written on SIGTERM to `<storage>/silences` (or, for
tocsin, appended there as each change is made, so also after SIGKILL), copied into the
other's empty storage dir and loaded at its start, must read back identically through
`GET /api/v2/silences`. The same for `<storage>/nflog` (tocsin appends each record as it
notifies): an nflog written by one implementation suppresses the duplicate notification in
the other.
"""
import os
import shutil

from conftest import http
from server_support import api_time, deliveries, now_utc, parse_time, quiet_for, wait_deliveries

CONFIG = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: hook
  webhook_configs: [{url: URL/hook}]
"""


def matcher(name, value, regex=False, equal=True):
    return {"name": name, "value": value, "isRegex": regex, "isEqual": equal}


def create_silences(server):
    """An active, a pending and an expired silence with every matcher type; returns their ids."""
    active = {"matchers": [matcher("alertname", "Disk.*", regex=True), matcher("env", "prod", equal=False),
                           matcher("team", "a|b", regex=True, equal=False), matcher("job", "node")],
              "startsAt": api_time(now_utc(-60)), "endsAt": api_time(now_utc(7200)),
              "createdBy": "ops@example.com", "comment": "maintenance \u00e9t\u00e9 <window> & \"quotes\""}
    pending = {"matchers": [matcher("service", "api")], "startsAt": api_time(now_utc(3600)),
               "endsAt": api_time(now_utc(7200)), "createdBy": "bob", "comment": ""}
    expired = {"matchers": [matcher("alertname", "Old")], "startsAt": api_time(now_utc()),
               "endsAt": api_time(now_utc(600)), "createdBy": "carol", "comment": "expire me"}
    ids = []
    for s in (active, pending, expired):
        status, body = server.post_silence(s)
        assert status == 200, body
        ids.append(body["silenceID"])
    assert http("DELETE", server.url + f"/api/v2/silence/{ids[2]}")[0] == 200
    return ids


def comparable(silences):
    """Silences keyed by id with times parsed (tocsin writes UTC, Alertmanager its local zone)."""
    out = {}
    for s in silences:
        c = dict(s)
        for k in ("startsAt", "endsAt", "updatedAt"):
            c[k] = parse_time(c[k])
        out[c.pop("id")] = c
    return out


def move_snapshot(src, dst, name):
    """Copies `<src storage>/name` into dst's (not yet started) storage dir."""
    data = os.path.join(dst.dir, "data")
    os.makedirs(data, exist_ok=True)
    src_file = os.path.join(src.dir, "data", name)
    assert os.path.getsize(src_file) > 0, f"{name} snapshot is empty"
    shutil.copy(src_file, os.path.join(data, name))


def roundtrip_silences(writer_bin, reader_bin, servers, webhook, crash=False):
    """`crash`: the writer is killed with SIGKILL instead of stopped, so it writes no
    shutdown snapshot: what the reader gets is what tocsin made durable per change."""
    text = CONFIG.replace("URL", webhook.url)
    writer = servers(writer_bin, text, name="writer")
    ids = create_silences(writer)
    written = writer.silences()
    assert sorted(s["id"] for s in written) == sorted(ids)
    assert [s["status"]["state"] for s in written] == ["active", "pending", "expired"]
    if crash:
        writer.kill9()
    else:
        writer.stop()
        assert writer.proc.returncode == 0
    reader = servers(reader_bin, text, name="reader", start=False)
    move_snapshot(writer, reader, "silences")
    reader.start()
    read = reader.silences()
    assert [s["id"] for s in read] == [s["id"] for s in written]  # same ids, same list order
    a, b = comparable(read), comparable(written)
    assert [(i, k, str(a[i][k]), str(b[i][k])) for i in a for k in a[i] if a[i][k] != b[i][k]] == []
    status, one = http("GET", reader.url + f"/api/v2/silence/{ids[0]}")
    assert status == 200 and comparable([one]) == comparable([written[0]])
    return reader


def test_silences_createdInAlertmanager_loadedByTocsinIdentical(tocsin, alertmanager, servers, webhook):
    reader = roundtrip_silences(alertmanager, tocsin, servers, webhook)
    # The loaded active silence mutes matching alerts in tocsin.
    assert reader.post_alerts([{"labels": {"alertname": "DiskFull", "job": "node", "env": "dev"}}])[0] == 200
    alert = reader.alerts()[0]
    assert alert["status"]["state"] == "suppressed" and len(alert["status"]["silencedBy"]) == 1


def test_silences_createdInTocsin_loadedByAlertmanagerIdentical(tocsin, alertmanager, servers, webhook):
    reader = roundtrip_silences(tocsin, alertmanager, servers, webhook)
    assert reader.post_alerts([{"labels": {"alertname": "DiskFull", "job": "node", "env": "dev"}}])[0] == 200
    assert reader.alerts()[0]["status"]["state"] == "suppressed"


def test_silences_tocsinKilled9_restartedTocsinHasEveryAcknowledgedSilence(tocsin, servers, webhook):
    # Alertmanager itself would lose them: it writes the file every 15 minutes and on shutdown.
    roundtrip_silences(tocsin, tocsin, servers, webhook, crash=True)


def test_silences_tocsinKilled9_fileLoadedByAlertmanagerIdentical(tocsin, alertmanager, servers, webhook):
    # The per-change appends keep the file in Alertmanager's format (later entry for an ID wins).
    roundtrip_silences(tocsin, alertmanager, servers, webhook, crash=True)


def test_silences_alertmanagerFileAppendedByTocsin_ownerOnlyAndLoadedByAlertmanager(tocsin, alertmanager, servers,
                                                                                   webhook):
    # tocsin keeps appending to a snapshot file that loaded whole instead of rewriting it at
    # start (a million nflog entries made that rewrite most of the start-up time): the file
    # Alertmanager wrote (0644) must become owner-only, and Alertmanager must still read the
    # file with tocsin's appends after it, the new silence included.
    text = CONFIG.replace("URL", webhook.url)
    writer = servers(alertmanager, text, name="am-writer")
    create_silences(writer)
    writer.stop()
    tocsin_node = servers(tocsin, text, name="tocsin", start=False)
    move_snapshot(writer, tocsin_node, "silences")
    path = os.path.join(tocsin_node.dir, "data", "silences")
    os.chmod(path, 0o644)
    tocsin_node.start()
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)
    status, body = tocsin_node.post_silence({"matchers": [matcher("job", "appended")], "startsAt": api_time(now_utc(-60)),
                                             "endsAt": api_time(now_utc(3600)), "createdBy": "tocsin",
                                             "comment": "after the loaded file"})
    assert status == 200, body
    written = tocsin_node.silences()
    assert len(written) == 4
    tocsin_node.kill9()
    reader = servers(alertmanager, text, name="am-reader", start=False)
    move_snapshot(tocsin_node, reader, "silences")
    reader.start()
    a, b = comparable(reader.silences()), comparable(written)
    assert sorted(a) == sorted(b) and body["silenceID"] in a
    assert [(i, k, str(a[i][k]), str(b[i][k])) for i in a for k in a[i] if a[i][k] != b[i][k]] == []


def roundtrip_nflog(writer_bin, reader_bin, servers, webhook, crash=False):
    """`crash`: the writer is killed with SIGKILL, so the reader gets only what tocsin
    appended to the nflog file as it notified."""
    text = CONFIG.replace("URL", webhook.url)
    once = [{"labels": {"alertname": "Once", "instance": "h1"}, "startsAt": api_time(now_utc(-10))}]
    writer = servers(writer_bin, text, name="writer")
    assert writer.post_alerts(once)[0] == 200
    wait_deliveries(webhook, 1, "/hook")
    quiet_for(1.5)  # let the nflog record land before the shutdown snapshot (or the kill)
    if crash:
        writer.kill9()
    else:
        writer.stop()
    reader = servers(reader_bin, text, name="reader", start=False)
    move_snapshot(writer, reader, "nflog")
    reader.start()
    assert reader.post_alerts(once)[0] == 200
    assert reader.post_alerts([{"labels": {"alertname": "Control"}}])[0] == 200
    wait_deliveries(webhook, 2, "/hook")
    quiet_for(2.5)  # several group_interval flushes for the already-notified group
    assert [r["body"]["groupKey"] for r in deliveries(webhook, "/hook")] == ['{}:{alertname="Once"}',
                                                                             '{}:{alertname="Control"}']


def test_nflog_writtenByAlertmanager_tocsinSuppressesDuplicate(tocsin, alertmanager, servers, webhook):
    roundtrip_nflog(alertmanager, tocsin, servers, webhook)


def test_nflog_writtenByTocsin_alertmanagerSuppressesDuplicate(tocsin, alertmanager, servers, webhook):
    roundtrip_nflog(tocsin, alertmanager, servers, webhook)


def test_nflog_tocsinKilled9_restartedTocsinSendsNoDuplicate(tocsin, servers, webhook):
    # Alertmanager writes its nflog only every 15 minutes and on shutdown: after a crash it
    # notifies again what it had already sent.
    roundtrip_nflog(tocsin, tocsin, servers, webhook, crash=True)


def test_nflog_tocsinKilled9_fileLoadedByAlertmanagerSendsNoDuplicate(tocsin, alertmanager, servers, webhook):
    roundtrip_nflog(tocsin, alertmanager, servers, webhook, crash=True)
