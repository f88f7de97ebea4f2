"""Helpers shared by the server / silences / persistence interop tests.

Times, metrics scraping, webhook waiting and the delimited-protobuf reader used to look
inside snapshot files (`silences`, `nflog` in --storage.path), all written for these tests.
"""
import datetime as dt
import re
import time

from conftest import http, wait_until

UTC = dt.timezone.utc


def now_utc(delta_seconds=0.0):
    """Current UTC time plus an offset, truncated to milliseconds (the API's precision)."""
    t = dt.datetime.now(UTC) + dt.timedelta(seconds=delta_seconds)
    return t.replace(microsecond=(t.microsecond // 1000) * 1000)


def api_time(t):
    """RFC3339 with milliseconds, as clients (and Alertmanager's API v2 output) write it."""
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def go_nano_time(t):
    """Go's RFC3339Nano for a UTC time (trailing zeros of the fraction trimmed): the webhook format."""
    frac = f"{t.microsecond:06d}".rstrip("0")
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (f".{frac}" if frac else "") + "Z"


def parse_time(s):
    """Parses an RFC3339 string with any fraction and zone into an aware datetime."""
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$", s)
    assert m, f"not an RFC3339 time: {s!r}"
    base = dt.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
    frac = (m.group(2) or ".0")[1:]
    micro = int((frac + "000000")[:6])
    zone = m.group(3)
    tz = UTC if zone == "Z" else dt.timezone(
        (1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return base.replace(microsecond=micro, tzinfo=tz)


def metric(server_url, name, labels=None):
    """Sum of the samples of `name` in /metrics whose labels include `labels` (None when none)."""
    status, text = http("GET", server_url + "/metrics")
    assert status == 200, text
    total = None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)", line)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', m.group(3) or ""))
        if all(got.get(k) == v for k, v in (labels or {}).items()):
            total = (total or 0.0) + float(m.group(4))
    return total


def deliveries(sink, path=None):
    return [r for r in sink.records() if path is None or r["path"] == path]


def wait_deliveries(sink, n, path=None, timeout=15):
    """Waits until the sink recorded at least n POSTs (on `path`) and returns them."""
    return wait_until(lambda: (lambda rs: rs if len(rs) >= n else None)(deliveries(sink, path)),
                      timeout=timeout, what=f"{n} webhook deliveries on {path or 'any path'}")


def quiet_for(seconds):
    """Lets time pass for negative checks ("nothing more is sent"); the only sleeps here."""
    time.sleep(seconds)


# --- delimited protobuf, just enough to look inside snapshot files -------------------------

def _varint(b, i):
    shift = value = 0
    while True:
        if i >= len(b):
            raise ValueError("truncated varint")
        c = b[i]
        i += 1
        value |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return value, i


def delimited_messages(data):
    """Splits `uvarint(len) || msg` records (pbutil.WriteDelimited framing)."""
    out, i = [], 0
    while i < len(data):
        n, i = _varint(data, i)
        if i + n > len(data):
            raise ValueError("truncated message")
        out.append(data[i:i + n])
        i += n
    return out


def fields(msg):
    """Top-level protobuf fields as a list of (number, wire type, value: int or bytes)."""
    out, i = [], 0
    while i < len(msg):
        key, i = _varint(msg, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = _varint(msg, i)
        elif wt == 2:
            n, i = _varint(msg, i)
            v, i = msg[i:i + n], i + n
        elif wt == 1:
            v, i = msg[i:i + 8], i + 8
        elif wt == 5:
            v, i = msg[i:i + 4], i + 4
        else:
            raise ValueError(f"wire type {wt}")
        out.append((num, wt, v))
    return out


def field(msg, num):
    return [v for n, _, v in fields(msg) if n == num]


def fingerprint(labels):
    """Alertmanager's alert fingerprint: FNV-1a 64 over sorted `name 0xff value 0xff`."""
    h = 0xCBF29CE484222325
    for name in sorted(labels):
        for chunk in (name.encode(), b"\xff", labels[name].encode(), b"\xff"):
            for byte in chunk:
                h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def payload_alert(labels, starts, ends=None, annotations=None, generator=""):
    """One alert as the webhook payload shows it (firing when `ends` is None)."""
    return {"status": "resolved" if ends else "firing", "labels": labels, "annotations": annotations or {},
            "startsAt": go_nano_time(starts), "endsAt": go_nano_time(ends) if ends else "0001-01-01T00:00:00Z",
            "generatorURL": generator, "fingerprint": fingerprint(labels)}
