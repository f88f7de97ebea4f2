"""Start-up failures of `tocsin` as a process: a port already taken makes it exit 1 with a
clear error on stderr, having shut down what it had started (as Alertmanager 0.25 does),
never crash with a Swift runtime trap and a backtrace.
"""
import socket
import subprocess

import pytest

from conftest import HOST

CONFIG = """
route:
  receiver: a
receivers:
- name: a
  webhook_configs: [{url: "http://127.0.0.1:1/hook"}]
"""

# Swift runtime traps print these; a clean start-up failure prints neither.
CRASH_MARKERS = ("Fatal error", "Backtrace", "Crash", "SIGILL", "precondition")


def occupied(kind):
    """A socket bound (TCP: and listening) on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM if kind == "tcp" else socket.SOCK_DGRAM)
    sock.bind((HOST, 0))
    if kind == "tcp":
        sock.listen(1)
    return sock


def run(server, **flags):
    """Runs the server to its exit with `flags` replacing the harness's values of those flags."""
    args = [a for a in server.args() if a.split("=")[0].lstrip("-") not in flags]
    args += [f"--{name}={value}" for name, value in flags.items()]
    return subprocess.run(args, capture_output=True, text=True, timeout=10)


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
@pytest.mark.parametrize("proto", ["tcp", "udp"])
def test_startup_clusterPortTaken_exits1WithClearErrorNoCrash(kind, proto, request, servers):
    binary = request.getfixturevalue(kind)
    with occupied(proto) as sock:
        port = sock.getsockname()[1]
        s = servers(binary, CONFIG, start=False, cluster=True)
        proc = run(s, **{"cluster.listen-address": f"{HOST}:{port}", "cluster.advertise-address": f"{HOST}:{port}"})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "unable to initialize gossip mesh" in proc.stderr, out
    assert "address already in use" in proc.stderr.lower(), out
    assert not any(m in out for m in CRASH_MARKERS), out


@pytest.mark.parametrize("kind", ["tocsin", "alertmanager"])
def test_startup_webPortTaken_exits1WithClearErrorNoCrash(kind, request, servers):
    binary = request.getfixturevalue(kind)
    with occupied("tcp") as sock:
        port = sock.getsockname()[1]
        s = servers(binary, CONFIG, start=False, cluster=True)
        proc = run(s, **{"web.listen-address": f"{HOST}:{port}"})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "address already in use" in proc.stderr.lower(), out
    assert not any(m in out for m in CRASH_MARKERS), out


@pytest.mark.parametrize("content,error", [
    (None, "open {path}: no such file or directory"),
    ("basic_auth:\n  username: a\n  password: b\n  password_file: /x\n",
     "at most one of basic_auth password & password_file must be configured"),
])
def test_startup_clusterAPIHTTPConfigFileBad_exits1NamingFlagAndCause(tocsin, servers, tmp_path, content, error):
    path = tmp_path / "peers-http.yml"
    if content is not None:
        path.write_text(content)
    s = servers(tocsin, CONFIG, start=False, cluster=True)
    proc = run(s, **{"cluster.api-http-config.file": str(path)})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert 'msg="failed to load --cluster.api-http-config.file"' in out, out
    assert error.format(path=path) in out, out
    assert not any(m in out for m in CRASH_MARKERS), out
