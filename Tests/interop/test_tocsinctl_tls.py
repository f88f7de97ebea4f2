"""tocsinctl `--http.config.file` with the settings that change the connection: `tls_config`
(CA, client certificate, `insecure_skip_verify`) and `proxy_url`, against tocsin serving
HTTPS with a web config that requires a client certificate of its CA, and `oauth2` against a
fake server. The real amtool runs with the same file and must see the same silences through
the same proxy, and send the same token.
"""
import os
import subprocess

import pytest

from conftest import HOST, require, tocsinctl_bin
from tls_proxy import TunnelProxy
from webhook_sink import WebhookSink
from web_tls_support import PKI, start_secure, tls_context, write_web_config

CONFIG = """
route:
  receiver: a
receivers:
- name: a
"""


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return PKI(str(tmp_path_factory.mktemp("pki")))


@pytest.fixture
def secure(pki, workdir, tocsin):
    """tocsin over HTTPS, requiring a client certificate signed by the test CA."""
    web = write_web_config(os.path.join(workdir, "web.yml"),
                           tls={"cert_file": pki.server, "key_file": pki.server_key,
                                "client_auth_type": "RequireAndVerifyClientCert", "client_ca_file": pki.ca})
    s = start_secure(tocsin, workdir, "tocsin", CONFIG, web, ctx=tls_context(pki.ca, pki.client, pki.client_key))
    yield s
    s.stop()


@pytest.fixture
def proxy():
    p = TunnelProxy().start()
    yield p
    p.stop()


def http_config(workdir, name, **tls):
    """An http.config.file with these tls_config keys (and `proxy_url` when given as `proxy`)."""
    proxy = tls.pop("proxy", None)
    path = os.path.join(workdir, name)
    with open(path, "w") as f:
        f.write("tls_config:\n" + "".join(f"  {k}: {v}\n" for k, v in tls.items()))
        if proxy:
            f.write(f"proxy_url: {proxy}\n")
    return path


def run(binary, server, config, *args):
    r = subprocess.run([binary, f"--alertmanager.url=https://{HOST}:{server.api_port}", f"--http.config.file={config}",
                        *args], capture_output=True, text=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


def test_tocsinctlHTTPConfig_clientCertificateThroughProxy_sameSilencesAsAmtool(pki, workdir, secure, proxy, amtool):
    config = http_config(workdir, "http.yml", ca_file=pki.ca, cert_file=pki.client, key_file=pki.client_key,
                         proxy=proxy.url)
    ctl = require(tocsinctl_bin())
    code, out, err = run(ctl, secure, config, "silence", "add", "alertname=Secure", "--comment=mTLS", "--author=t")
    assert code == 0, err
    sid = out.strip()
    for binary in (ctl, amtool):
        code, out, err = run(binary, secure, config, "silence", "query", "-q")
        assert (code, out.split()) == (0, [sid]), (binary, err)
    ours, theirs = (run(b, secure, config, "silence", "query")[1] for b in (ctl, amtool))
    assert ours == theirs
    assert set(proxy.connects) == {f"{HOST}:{secure.api_port}"} and len(proxy.connects) >= 4


def test_tocsinctlHTTPConfig_insecureSkipVerifyWithoutCA_connects(pki, workdir, secure):
    config = http_config(workdir, "skip.yml", insecure_skip_verify="true", cert_file=pki.client,
                         key_file=pki.client_key)
    code, out, err = run(require(tocsinctl_bin()), secure, config, "silence", "query")
    assert code == 0 and out.startswith("ID"), err


@pytest.mark.parametrize("case", ["no client certificate", "unknown server CA", "client certificate of another CA"])
def test_tocsinctlHTTPConfig_connectionRefusedByTLS_failsAsAmtool(case, pki, workdir, secure, amtool):
    tls = {"no client certificate": dict(ca_file=pki.ca),
           "unknown server CA": dict(cert_file=pki.client, key_file=pki.client_key),
           "client certificate of another CA": dict(ca_file=pki.ca, cert_file=pki.stranger, key_file=pki.stranger_key),
           }[case]
    config = http_config(workdir, "bad.yml", **tls)
    url = f'Get "https://{HOST}:{secure.api_port}/api/v2/silences'
    errors = []
    for binary, tool in ((require(tocsinctl_bin()), "tocsinctl"), (amtool, "amtool")):
        code, out, err = run(binary, secure, config, "silence", "query")
        assert code == 1 and out == "" and err.startswith(f"{tool}: error: {url}"), (tool, err)
        errors.append(err.split(": ", 1)[1])
    # The server's refusals of a client certificate arrive as a closed connection in
    # tocsinctl (Go reads the TLS alert: "remote error: tls: ..."); a server certificate of an
    # unknown CA is reported in Go's words.
    if case == "unknown server CA":
        assert errors[0] == errors[1]


def test_tocsinctlHTTPConfig_oauth2_tokenFetchedThenSentAsAmtoolDoes(workdir, amtool):
    sink = WebhookSink().start()
    sink.responder = lambda method, path, body: (200, []) if path.startswith("/api/v2/silences") else None
    try:
        config = os.path.join(workdir, "oauth2.yml")
        with open(config, "w") as f:
            f.write(f"oauth2:\n  client_id: ctl\n  client_secret: s3cret\n  token_url: {sink.url}/oauth2/token\n")
        seen = []
        for binary in (require(tocsinctl_bin()), amtool):
            sink.reset()
            r = subprocess.run([binary, f"--alertmanager.url={sink.url}", f"--http.config.file={config}", "silence",
                                "query", "-q"], capture_output=True, text=True, timeout=30)
            assert (r.returncode, r.stdout) == (0, ""), (binary, r.stderr)
            token = [x for x in sink.records() if x["path"] == "/oauth2/token"]
            query = [x for x in sink.records() if x["path"].startswith("/api/v2/silences")]
            assert len(token) == 1 and len(query) == 1, (binary, sink.records())
            seen.append((token[0]["raw"], token[0]["headers"]["authorization"], query[0]["headers"]["authorization"]))
        assert seen[0] == seen[1] == ("grant_type=client_credentials", "Basic Y3RsOnMzY3JldA==", "Bearer oauth-token-1")
    finally:
        sink.stop()
