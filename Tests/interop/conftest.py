"""Shared harness for Tocsin's real-process interop tests (pytest).

Fixtures start real processes on loopback: `tocsin` (the debug build unless TOCSIN_BIN
says otherwise), the real `prometheus-alertmanager` 0.25, webhook and SMTP sinks (this
folder's webhook_sink.py and smtp_sink.py); each test gets its own temp dir and every
process is stopped at the end. A missing binary fails the test (interop tests never skip).
Nothing here needs anything outside the repository but Debian packages and PyPI's
aiosmtpd/pytest/PyYAML (scripts/install-deps.sh).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
WEBHOOK_SINK = os.path.join(HERE, "webhook_sink.py")
SMTP_SINK = os.path.join(HERE, "smtp_sink.py")
HOST = "127.0.0.1"


def tocsin_bin():
    return os.environ.get("TOCSIN_BIN", os.path.join(ROOT, ".build", "debug", "tocsin"))


def tocsinctl_bin():
    return os.environ.get("TOCSINCTL_BIN", os.path.join(ROOT, ".build", "debug", "tocsinctl"))


def require(path):
    resolved = path if os.path.sep in path else shutil.which(path)
    assert resolved and os.access(resolved, os.X_OK), f"{path} not found: run scripts/install-deps.sh and swift build"
    return resolved


_handed_out = set()


def free_port():
    """A loopback port free now and not handed out before in this run: the kernel may give
    a just-closed port again, and two nodes of one test given the same port (one's API, the
    other's gossip) once made a health probe read gossip bytes."""
    while True:
        with socket.socket() as s:
            s.bind((HOST, 0))
            port = s.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def http(method, url, body=None, timeout=10):
    """(status, parsed JSON or text) of one request; never raises on HTTP errors."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


def wait_until(pred, timeout=10.0, interval=0.05, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Server:
    """One Alertmanager-compatible server process (tocsin or prometheus-alertmanager)."""

    def __init__(self, binary, workdir, config, name="node", cluster=False, peers=(), extra=(), env=None):
        self.binary = require(binary)
        self.env = env  # variables set for the process on top of the test's environment
        self.dir = os.path.join(workdir, name)
        os.makedirs(self.dir, exist_ok=True)
        self.config_path = os.path.join(self.dir, "config.yml")
        with open(self.config_path, "w") as f:
            f.write(config)
        self.api_port = free_port()
        self.cluster_port = free_port() if cluster else None
        self.peers = list(peers)
        self.extra = list(extra)
        self.log_path = os.path.join(self.dir, "log.txt")
        self.proc = None

    @property
    def url(self):
        return f"http://{HOST}:{self.api_port}"

    @property
    def cluster_addr(self):
        return f"{HOST}:{self.cluster_port}" if self.cluster_port else ""

    def args(self):
        a = [self.binary, f"--config.file={self.config_path}", f"--storage.path={os.path.join(self.dir, 'data')}",
             f"--web.listen-address={HOST}:{self.api_port}", f"--cluster.listen-address={self.cluster_addr}",
             "--log.level=debug"]
        if self.cluster_port:
            a.append(f"--cluster.advertise-address={self.cluster_addr}")
        a += [f"--cluster.peer={p}" for p in self.peers]
        return a + self.extra

    def start(self, wait=True):
        self.log = open(self.log_path, "ab")
        env = {**os.environ, **self.env} if self.env else None
        self.proc = subprocess.Popen(self.args(), stdout=self.log, stderr=subprocess.STDOUT, env=env)
        if wait:
            wait_until(self.up, timeout=20, what=f"{self.binary} on {self.url}")
        return self

    def probe(self, path):
        """The status of GET `path`, None while nothing answers; fails when the process exited."""
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.binary} exited with {self.proc.returncode}:\n{self.output()}")
        try:
            return http("GET", self.url + path, timeout=1)[0]
        except OSError:
            return None

    def up(self):
        """Serving its API (`/-/healthy`). A clustered tocsin answers `/-/ready` with 200 only
        once its gossip has settled (issue 17), which the cluster tests wait for themselves."""
        return self.probe("/-/healthy") == 200

    def ready(self):
        """Ready to notify (`/-/ready`): at once without a cluster, else once settled."""
        return self.probe("/-/ready") == 200

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    def kill9(self):
        self.stop(sig=signal.SIGKILL)

    # API helpers
    def post_alerts(self, alerts):
        return http("POST", self.url + "/api/v2/alerts", alerts)

    def alerts(self, query=""):
        return http("GET", self.url + "/api/v2/alerts" + query)[1]

    def post_silence(self, silence):
        return http("POST", self.url + "/api/v2/silences", silence)

    def silences(self, query=""):
        return http("GET", self.url + "/api/v2/silences" + query)[1]

    def status(self):
        return http("GET", self.url + "/api/v2/status")[1]


@pytest.fixture
def workdir():
    d = tempfile.mkdtemp(prefix="tocsin-interop-")
    yield d
    if os.environ.get("TOCSIN_KEEP_WORKDIR") is None:
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def servers(workdir):
    """Factory: servers(binary, config, **kw) -> started Server; all stopped at teardown."""
    started = []

    def make(binary, config, start=True, **kw):
        kw.setdefault("name", f"node{len(started)}")
        s = Server(binary, workdir, config, **kw)
        started.append(s)
        return s.start() if start else s

    yield make
    for s in started:
        s.stop()


@pytest.fixture
def webhook():
    """A recording webhook receiver (webhook_sink.py): .url, .records(), fault knobs."""
    from webhook_sink import WebhookSink
    sink = WebhookSink(port=0).start()
    yield sink
    sink.stop()


@pytest.fixture
def tocsin():
    return require(tocsin_bin())


@pytest.fixture
def alertmanager():
    return require("prometheus-alertmanager")


@pytest.fixture
def amtool():
    return require("amtool")
