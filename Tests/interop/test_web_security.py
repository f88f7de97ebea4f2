"""`--web.config.file` (exporter-toolkit's web config): TLS, client certificates, basic auth
and headers, checked on tocsin and on the real Alertmanager 0.25 started with the same files
in the same test, with certificates made at test time by `openssl`.
"""
import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess

import pytest

from conftest import HOST, free_port, require, wait_until
from server_support import metric
from webhook_sink import WebhookSink
from web_tls_support import (PKI, bcrypt_hash, der, peer_certificate, request, server_tls_context, start_secure,
                             tls_context, write_web_config)

CONFIG = """
route:
  receiver: a
receivers:
- name: a
"""

USER, PASSWORD = "alice", "s3cret pass"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return PKI(str(tmp_path_factory.mktemp("pki")))


@pytest.fixture
def both(request, workdir):
    """start(web_config, ctx, auth) -> [tocsin, alertmanager], both serving with the same files."""
    started = []

    def start(web_config, ctx=None, auth=None):
        for name, binary in (("tocsin", require(request.getfixturevalue("tocsin"))),
                             ("alertmanager", require("prometheus-alertmanager"))):
            started.append(start_secure(binary, workdir, f"{name}{len(started)}", CONFIG, web_config, ctx, auth))
        return started[-2:]

    yield start
    for s in started:
        s.stop()


def tls_files(pki, workdir, **more):
    """The server's key pair copied beside the web config (relative paths, as users write them)."""
    shutil.copy(pki.server, os.path.join(workdir, "server.crt"))
    shutil.copy(pki.server_key, os.path.join(workdir, "server.key"))
    return {"cert_file": "server.crt", "key_file": "server.key", **more}


def test_webConfig_httpsWithBasicAuth_rightUser200WrongOrNone401PlainHTTPFails(pki, workdir, both):
    web = write_web_config(os.path.join(workdir, "web.yml"), tls=tls_files(pki, workdir),
                           users={USER: bcrypt_hash(PASSWORD), "bob": bcrypt_hash("other", minor="a")})
    ctx = tls_context(pki.ca)
    for s in both(web, ctx, (USER, PASSWORD)):
        status, _, body = s.get("/api/v2/status")
        assert status == 200 and "cluster" in json.loads(body), (s.binary, body)
        assert s.get("/api/v2/status", auth=("bob", "other"))[0] == 200, s.binary
        for auth in (None, (USER, "wrong"), ("mallory", PASSWORD), ("bob", PASSWORD)):
            status, headers, body = s.get("/api/v2/status", auth=auth)
            assert (status, headers.get("www-authenticate"), body) == (401, "Basic", "Unauthorized\n"), (s.binary, auth)
        # Plain HTTP to the TLS port gets no answer from the API.
        try:
            status, _, body = request(s.api_port, "GET", "/api/v2/status", auth=(USER, PASSWORD))
        except (OSError, http.client.HTTPException):
            status, body = None, ""
        assert status != 200 and "cluster" not in body, (s.binary, status, body)


def test_webConfig_requireAndVerifyClientCert_clientWithoutTrustedCertRejected(pki, workdir, both):
    web = write_web_config(os.path.join(workdir, "web.yml"),
                           tls=tls_files(pki, workdir, client_auth_type="RequireAndVerifyClientCert",
                                         client_ca_file=pki.ca))
    good = tls_context(pki.ca, pki.client, pki.client_key)
    for s in both(web, good):
        assert s.get("/api/v2/status")[0] == 200, s.binary
        for ctx in (tls_context(pki.ca), tls_context(pki.ca, pki.stranger, pki.stranger_key)):
            with pytest.raises((ssl.SSLError, ConnectionError, OSError)):
                s.get("/api/v2/status", ctx=ctx)


def test_webConfig_amtoolWithHTTPConfigFile_addsAndQueriesSilence(pki, workdir, both, amtool):
    web = write_web_config(os.path.join(workdir, "web.yml"), tls=tls_files(pki, workdir),
                           users={USER: bcrypt_hash(PASSWORD)})
    client = os.path.join(workdir, "amtool-http.yml")
    with open(client, "w") as f:
        f.write(f"tls_config:\n  ca_file: {pki.ca}\nbasic_auth:\n  username: {USER}\n  password: '{PASSWORD}'\n")
    for s in both(web, tls_context(pki.ca), (USER, PASSWORD)):
        base = [amtool, f"--alertmanager.url=https://{HOST}:{s.api_port}", f"--http.config.file={client}"]
        add = subprocess.run(base + ["silence", "add", "alertname=Secure", "--comment=over TLS", "--author=t"],
                             capture_output=True, text=True, timeout=20)
        assert add.returncode == 0, (s.binary, add.stderr)
        sid = add.stdout.strip()
        query = subprocess.run(base + ["silence", "query", "-q", "alertname=Secure"],
                               capture_output=True, text=True, timeout=20)
        assert query.returncode == 0 and query.stdout.split() == [sid], (s.binary, query.stdout, query.stderr)


def test_webConfig_reloadOverHTTPSWithAuth_200AndWithout401(pki, workdir, both):
    web = write_web_config(os.path.join(workdir, "web.yml"), tls=tls_files(pki, workdir),
                           users={USER: bcrypt_hash(PASSWORD)})
    ctx = tls_context(pki.ca)
    for s in both(web, ctx, (USER, PASSWORD)):
        assert request(s.api_port, "POST", "/-/reload", ctx=ctx)[0] == 401, s.binary
        assert request(s.api_port, "POST", "/-/reload", ctx=ctx, auth=(USER, PASSWORD))[0] == 200, s.binary


def test_webConfig_certificateFilesReplaced_newConnectionsGetNewCertificate(pki, workdir, both):
    web = write_web_config(os.path.join(workdir, "web.yml"), tls=tls_files(pki, workdir))
    servers = both(web, tls_context(pki.ca))
    for s in servers:
        assert peer_certificate(s.api_port, pki.ca) == der(pki.server), s.binary
    # Rotate as a secret mount does: new files renamed into place.
    for src, name in ((pki.server2, "server.crt"), (pki.server2_key, "server.key")):
        shutil.copy(src, os.path.join(workdir, name + ".new"))
        os.replace(os.path.join(workdir, name + ".new"), os.path.join(workdir, name))
    for s in servers:
        assert peer_certificate(s.api_port, pki.ca) == der(pki.server2), s.binary
        assert s.proc.poll() is None and s.get("/-/healthy")[0] == 200, s.binary


# Every route and method of the API and the web endpoints, and some that match no route.
UNAUTHENTICATED = [
    ("GET", "/"), ("HEAD", "/"), ("GET", "/-/healthy"), ("HEAD", "/-/healthy"), ("GET", "/-/ready"),
    ("HEAD", "/-/ready"), ("POST", "/-/reload"), ("GET", "/metrics"), ("GET", "/api/v2/status"),
    ("GET", "/api/v2/receivers"), ("GET", "/api/v2/alerts"), ("POST", "/api/v2/alerts"),
    ("GET", "/api/v2/alerts/groups"), ("GET", "/api/v2/silences"), ("POST", "/api/v2/silences"),
    ("GET", "/api/v2/silence/00000000-0000-0000-0000-000000000000"),
    ("DELETE", "/api/v2/silence/00000000-0000-0000-0000-000000000000"), ("OPTIONS", "/api/v2/alerts"),
    ("GET", "/api/v1/alerts"), ("GET", "/no/such/path"), ("PUT", "/api/v2/alerts"), ("GET", "/debug/pprof/"),
]


def test_webConfig_basicAuthUsers_everyRouteWithoutCredentialsGets401(pki, workdir, tocsin):
    web = write_web_config(os.path.join(workdir, "web.yml"), users={USER: bcrypt_hash(PASSWORD)},
                           headers={"X-Frame-Options": "deny"})
    s = start_secure(tocsin, workdir, "tocsin", CONFIG, web, auth=(USER, PASSWORD))
    try:
        got = {}
        for method, path in UNAUTHENTICATED:
            body = b"[]" if method in ("POST", "PUT") else None
            status, headers, _ = request(s.api_port, method, path, body=body)
            got[(method, path)] = (status, headers.get("www-authenticate"), headers.get("x-frame-options"))
        assert got == {k: (401, "Basic", "deny") for k in UNAUTHENTICATED}
        assert s.get("/api/v2/alerts")[0] == 200
        # The POST above carried no credentials: nothing was stored.
        assert json.loads(s.get("/api/v2/alerts")[2]) == []
    finally:
        s.stop()


@pytest.mark.parametrize("case, expected", [
    ("missing_cert", "failed to load X509KeyPair: open {dir}/gone.crt: no such file or directory"),
    ("unknown_field", "field cert_filse not found in type web.TLSConfig"),
    ("bad_hash", "crypto/bcrypt: hashedSecret too short to be a bcrypted password"),
    ("bad_header", 'HTTP header "X-Custom" can not be configured'),
    ("ca_without_policy", "Client CA's have been configured without a Client Auth Policy"),
    ("missing_file", "open {dir}/absent.yml: no such file or directory"),
    ("missing_key_file", "missing key_file"),
    ("bad_client_auth", "Invalid ClientAuth: Sometimes"),
    ("h2_without_its_cipher", "http2: TLSConfig.CipherSuites is missing an HTTP/2-required AES_128_GCM_SHA256 cipher"),
])
def test_webConfig_invalidOrNamingMissingFile_exits1WithUpstreamErrorNeverListens(case, expected, pki, workdir,
                                                                                   tocsin):
    web = os.path.join(workdir, "web.yml")
    tls = tls_files(pki, workdir)
    if case == "missing_cert":
        write_web_config(web, tls={**tls, "cert_file": "gone.crt"})
    elif case == "unknown_field":
        write_web_config(web, tls={"cert_filse": "server.crt"})
    elif case == "bad_hash":
        write_web_config(web, users={USER: "$2y$10$short"})
    elif case == "bad_header":
        write_web_config(web, headers={"X-Custom": "1"})
    elif case == "ca_without_policy":
        write_web_config(web, tls={**tls, "client_ca_file": pki.ca})
    elif case == "missing_key_file":
        write_web_config(web, tls={"cert_file": "server.crt"})
    elif case == "bad_client_auth":
        write_web_config(web, tls={**tls, "client_auth_type": "Sometimes"})
    elif case == "h2_without_its_cipher":
        write_web_config(web, tls={**tls, "cipher_suites": "[TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]"})
    else:
        web = os.path.join(workdir, "absent.yml")
    config = os.path.join(workdir, "config.yml")
    with open(config, "w") as f:
        f.write(CONFIG)
    port = free_port()
    want = expected.format(dir=workdir)
    for binary in (tocsin, require("prometheus-alertmanager")):
        proc = subprocess.run([binary, f"--config.file={config}", f"--storage.path={workdir}/data-{os.path.basename(binary)}",
                               f"--web.listen-address={HOST}:{port}", "--cluster.listen-address=",
                               f"--web.config.file={web}"], capture_output=True, text=True, timeout=20)
        assert proc.returncode == 1, (binary, proc.stderr)
        assert want in proc.stderr.replace('\\"', '"'), (binary, proc.stderr)
        if binary == tocsin:
            assert "Listening on" not in proc.stderr, proc.stderr
    with socket.socket() as sock:
        assert sock.connect_ex((HOST, port)) != 0


def test_webConfig_clientAllowedSans_onlyAVerifiedCertificateNamingOneIsServed(pki, workdir, tocsin):
    web = write_web_config(os.path.join(workdir, "web.yml"), tls=tls_files(
        pki, workdir, client_auth_type="RequireAndVerifyClientCert", client_ca_file=pki.ca,
        client_allowed_sans='["alice.example", "10.1.2.3"]'))
    alice, by_ip = pki.client_named("alice", "DNS:alice.example"), pki.client_named("byip", "IP:10.1.2.3")
    bob = pki.client_named("bob", "DNS:bob.example")
    forged = pki.self_signed_client("forged", "DNS:alice.example")
    s = start_secure(tocsin, workdir, "tocsin", CONFIG, web, tls_context(pki.ca, *alice))
    try:
        for cert in (alice, by_ip):
            status, _, body = s.get("/api/v2/status", ctx=tls_context(pki.ca, *cert))
            assert status == 200 and "cluster" in json.loads(body), (cert, body)
        # Signed by the CA but naming none of them, naming one but not signed by it, or none.
        for cert in (bob, forged, ()):
            with pytest.raises((OSError, ssl.SSLError, http.client.HTTPException)):
                s.get("/api/v2/status", ctx=tls_context(pki.ca, *cert))
    finally:
        s.stop()
    # Alertmanager 0.25 (exporter-toolkit 0.8) refuses the field: a deliberate difference.
    proc = subprocess.run([require("prometheus-alertmanager"), f"--config.file={s.config_path}",
                           f"--storage.path={workdir}/am-data", f"--web.listen-address={HOST}:{free_port()}",
                           "--cluster.listen-address=", f"--web.config.file={web}"], capture_output=True, text=True, timeout=20)
    assert proc.returncode == 1 and "field client_allowed_sans not found" in proc.stderr, proc.stderr


WEBHOOK_CONFIG = """
route:
  receiver: hook
  group_wait: 0s
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
    http_config:
      tls_config:
        ca_file: {ca}
        server_name: {name}
"""


@pytest.mark.parametrize("name, delivered", [("alerts.example", True), ("other.example", False)])
def test_webhookTLSConfig_serverName_sentAsSNIAndVerifiedAgainstTheCertificate(name, delivered, pki, servers,
                                                                                 tocsin, alertmanager):
    """The sink's certificate names only alerts.example and the URL says 127.0.0.1: the
    delivery succeeds when server_name names the certificate, and fails verification when not."""
    sink = WebhookSink(tls=server_tls_context(pki.named, pki.named_key)).start()
    try:
        config = WEBHOOK_CONFIG.format(url=sink.url, ca=pki.ca, name=name)
        for binary in (tocsin, alertmanager):
            s = servers(binary, config)
            assert s.post_alerts([{"labels": {"alertname": "Sni", "via": os.path.basename(binary)}}])[0] == 200
            if delivered:
                rec = wait_until(lambda: [r for r in sink.records()
                                          if r["body"]["commonLabels"]["via"] == os.path.basename(binary)],
                                 timeout=15, what="a delivery over TLS")[0]
                assert rec["host"] == f"{HOST}:{sink.port}", (binary, rec)
            else:
                wait_until(lambda: (metric(s.url, "alertmanager_notification_requests_failed_total",
                                           {"integration": "webhook"}) or 0) >= 1,
                           timeout=15, what="a failed delivery attempt")
        if not delivered:
            assert sink.records() == []
    finally:
        sink.stop()


HTTP1_CONFIG = """
route:
  receiver: hook
  group_wait: 0s
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
    http_config:
      enable_http2: false
      tls_config:
        ca_file: {ca}
"""


def test_webhookHTTPConfig_enableHTTP2False_neverNegotiatesHTTP2(pki, servers, tocsin, alertmanager):
    """The sink offers h2 first over TLS (and speaks only HTTP/1.1): with enable_http2 false
    neither server offers h2, so the delivery arrives over HTTP/1.1."""
    tls = server_tls_context(pki.server, pki.server_key)
    tls.set_alpn_protocols(["h2", "http/1.1"])
    sink = WebhookSink(tls=tls).start()
    try:
        config = HTTP1_CONFIG.format(url=sink.url, ca=pki.ca)
        for binary in (tocsin, alertmanager):
            s = servers(binary, config)
            via = os.path.basename(binary)
            assert s.post_alerts([{"labels": {"alertname": "Http1", "via": via}}])[0] == 200
            rec = wait_until(lambda: [r for r in sink.records() if r["body"]["commonLabels"]["via"] == via],
                             timeout=15, what="a delivery over HTTP/1.1")[0]
            assert rec["alpn"] != "h2", (binary, rec["alpn"])
    finally:
        sink.stop()
