"""`--web.systemd-socket` (issue 13): the server serves on the listening socket it inherits
as systemd passes it (descriptor 3, `LISTEN_PID`, `LISTEN_FDS`), plain or behind the web
config's TLS and basic auth, and refuses to start without one. Alertmanager 0.25 gets the
same socket in the same test.
"""
import http.client
import json
import os
import socket
import subprocess
import sys

import pytest

from conftest import HOST, Server, wait_until
from test_startup_failures import CRASH_MARKERS
from web_tls_support import PKI, bcrypt_hash, tls_context, write_web_config
from web_tls_support import request as tls_request

CONFIG = """
route:
  receiver: a
receivers:
- name: a
"""
SILENCE = {"matchers": [{"name": "job", "value": "socket", "isRegex": False}],
           "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
           "createdBy": "test", "comment": "through the inherited socket"}

# Runs the server as systemd would: the socket on descriptor 3 and LISTEN_PID naming the
# process that execs the server (exec keeps the pid).
LAUNCH = """
import os, sys
fd = int(sys.argv[1])
if fd != 3:
    os.dup2(fd, 3)
    os.close(fd)
os.environ["LISTEN_PID"] = sys.argv[2] or str(os.getpid())
os.environ["LISTEN_FDS"] = "1"
os.execv(sys.argv[3], sys.argv[3:])
"""


class SocketServer(Server):
    """A Server started with an inherited listening socket instead of a listen address."""

    def __init__(self, *a, listen_pid="", ctx=None, auth=None, **kw):
        super().__init__(*a, **kw)
        self.listen_pid, self.ctx, self.auth = listen_pid, ctx, auth
        self.sock = socket.socket()
        self.sock.bind((HOST, 0))
        self.sock.listen(64)
        self.api_port = self.sock.getsockname()[1]

    def args(self):
        inner = [a for a in super().args() if not a.startswith("--web.listen-address")]
        fd = self.sock.fileno()
        return [sys.executable, "-c", LAUNCH, str(fd), self.listen_pid, inner[0], "--web.systemd-socket", *inner[1:]]

    def start(self, wait=True):
        self.log = open(self.log_path, "ab")
        # Its own temporary directory, to see what the server leaves there.
        self.tmp = os.path.join(self.dir, "tmp")
        os.makedirs(self.tmp, exist_ok=True)
        self.proc = subprocess.Popen(self.args(), stdout=self.log, stderr=subprocess.STDOUT, pass_fds=(self.sock.fileno(),),
                                     env=dict(os.environ, TMPDIR=self.tmp))
        self.sock.close()  # the server holds it now
        if wait:
            wait_until(self.up, timeout=20, what=f"{self.binary} on the inherited socket")
        return self

    def call(self, method, path, body=None):
        status, _, text = tls_request(self.api_port, method, path, ctx=self.ctx, auth=self.auth,
                                  body=None if body is None else json.dumps(body))
        return status, text

    def probe(self, path):
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.binary} exited with {self.proc.returncode}:\n{self.output()}")
        try:
            return self.call("GET", path)[0]
        except OSError:
            return None


@pytest.fixture
def socket_servers(workdir):
    started = []

    def make(binary, **kw):
        s = SocketServer(binary, workdir, CONFIG, name=f"s{len(started)}", **kw)
        started.append(s)
        return s.start(wait=kw.get("listen_pid", "") == "")

    yield make
    for s in started:
        s.stop()


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_systemdSocket_inheritedListeningSocket_servesTheAPI(kind, request, socket_servers):
    s = socket_servers(request.getfixturevalue(kind))
    status, text = s.call("POST", "/api/v2/silences", SILENCE)
    assert status == 200, text
    sid = json.loads(text)["silenceID"]
    status, text = s.call("GET", "/api/v2/silences")
    assert status == 200 and sid in [x["id"] for x in json.loads(text)], text
    # One connection after another, each answered whole.
    for _ in range(20):
        status, text = s.call("GET", "/api/v2/status")
        assert status == 200 and "cluster" in json.loads(text), text
    s.stop()
    assert s.proc.returncode == 0, s.output()
    assert os.listdir(s.tmp) == [], "left behind in its temporary directory"


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_systemdSocket_withWebConfig_speaksTLSAndAsksForCredentials(kind, request, socket_servers, tmp_path):
    pki = PKI(str(tmp_path / "pki"))
    web = write_web_config(str(tmp_path / "web.yml"), tls={"cert_file": pki.server, "key_file": pki.server_key},
                           users={"alice": bcrypt_hash("secret")})
    ctx = tls_context(pki.ca)
    s = socket_servers(request.getfixturevalue(kind), extra=[f"--web.config.file={web}"], ctx=ctx, auth=("alice", "secret"))
    status, text = s.call("GET", "/api/v2/status")
    assert status == 200 and "cluster" in json.loads(text), text
    assert tls_request(s.api_port, "GET", "/api/v2/status", ctx=ctx)[0] == 401
    # Plain HTTP to the socket gets no answer from the API.
    try:
        status, _, body = tls_request(s.api_port, "GET", "/api/v2/status", auth=("alice", "secret"))
    except (OSError, http.client.HTTPException):
        status, body = None, ""
    assert status != 200 and "cluster" not in body, (status, body)


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_systemdSocket_listenPidOfAnotherProcess_exits1WithClearError(kind, request, socket_servers):
    s = socket_servers(request.getfixturevalue(kind), listen_pid="1")
    s.proc.wait(timeout=15)
    out = s.output()
    assert s.proc.returncode == 1, out
    assert "no socket activation file descriptors found" in out, out
    assert not any(m in out for m in CRASH_MARKERS), out
