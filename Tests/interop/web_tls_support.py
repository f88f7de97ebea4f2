"""Certificates, bcrypt hashes, web config files and an HTTPS client for the
`--web.config.file` tests. Everything is made at test time: the PKI with `openssl`, the
hashes with the C library's bcrypt (Python's `crypt`, or the `bcrypt` package when that
module is gone).
"""
import base64
import http.client
import os
import ssl
import subprocess
import warnings

from conftest import HOST, Server, wait_until


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=30)


class PKI:
    """A CA, server certificates for 127.0.0.1 signed by it (two, for rotation), a client
    certificate signed by it and a self-signed one it does not know. Paths are attributes."""

    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.ca_key, self.ca = self._path("ca.key"), self._path("ca.crt")
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", self.ca_key, "-out", self.ca, "-days", "2", "-subj", "/CN=tocsin test CA", cwd=directory)
        self.server, self.server_key = self._signed("server", server=True)
        self.server2, self.server2_key = self._signed("server2", server=True)
        self.client, self.client_key = self._signed("client", server=False)
        # A server certificate that names only a DNS name nothing resolves (tls_config.server_name).
        self.named, self.named_key = self._signed("named", server=True, san="DNS:alerts.example")
        self.stranger, self.stranger_key = self._path("stranger.crt"), self._path("stranger.key")
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", self.stranger_key, "-out", self.stranger, "-days", "2", "-subj", "/CN=stranger",
                 cwd=directory)

    def _path(self, name):
        return os.path.join(self.dir, name)

    def peer(self, name):
        """A certificate for 127.0.0.1 good for both ends of a connection (a gossip peer
        listens and dials with the same one)."""
        return self._signed(name, server=True, usage="serverAuth,clientAuth")

    def client_named(self, name, san):
        """A client certificate signed by the CA that names `san` (e.g. `DNS:alice.example`)."""
        return self._signed(name, server=True, san=san, usage="clientAuth")

    def self_signed_client(self, name, san):
        """A client certificate naming `san` that no CA of this PKI signed."""
        crt, key = self._path(name + ".crt"), self._path(name + ".key")
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                 "-out", crt, "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName={san}",
                 "-addext", "extendedKeyUsage=clientAuth", cwd=self.dir)
        return crt, key

    def _signed(self, name, server, san="IP:127.0.0.1,DNS:localhost", usage="serverAuth"):
        key, csr, crt, ext = (self._path(name + s) for s in (".key", ".csr", ".crt", ".ext"))
        with open(ext, "w") as f:
            f.write(f"subjectAltName={san}\nextendedKeyUsage={usage}\n" if server
                    else "extendedKeyUsage=clientAuth\n")
        _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                 "-out", csr, "-subj", f"/CN={name}", cwd=self.dir)
        _openssl("x509", "-req", "-in", csr, "-CA", self.ca, "-CAkey", self.ca_key, "-CAcreateserial",
                 "-out", crt, "-days", "2", "-extfile", ext, cwd=self.dir)
        return crt, key


def bcrypt_hash(password, cost=4, minor="y"):
    """A bcrypt hash of `password` (cost 4 keeps the tests fast; the cost is read from the hash)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import crypt
        salt = crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1 << cost)[-22:]
        return crypt.crypt(password, f"$2{minor}${cost:02d}${salt}")
    except ImportError:
        import bcrypt
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=cost)).decode()


def write_web_config(path, tls=None, users=None, headers=None):
    """A web config file; `tls` is a dict of tls_server_config fields."""
    lines = []
    if tls:
        lines.append("tls_server_config:")
        lines += [f"  {k}: {v}" for k, v in tls.items()]
    if headers:
        lines.append("http_server_config:")
        lines.append("  headers:")
        lines += [f"    {k}: {v}" for k, v in headers.items()]
    if users:
        lines.append("basic_auth_users:")
        lines += [f"  {k}: '{v}'" for k, v in users.items()]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def server_tls_context(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx


def tls_context(ca, cert=None, key=None):
    ctx = ssl.create_default_context(cafile=ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    return ctx


def request(port, method, path, ctx=None, auth=None, body=None, timeout=10):
    """(status, headers dict, body text) of one request, over TLS when `ctx` is given; a TLS
    or connection failure raises (OSError, ssl.SSLError)."""
    conn = (http.client.HTTPSConnection(HOST, port, context=ctx, timeout=timeout) if ctx
            else http.client.HTTPConnection(HOST, port, timeout=timeout))
    headers = {"Content-Type": "application/json"}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    try:
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode(errors="replace")
    finally:
        conn.close()


def peer_certificate(port, ca):
    """The DER certificate the server presents to a new connection."""
    import socket
    with socket.create_connection((HOST, port), timeout=10) as raw:
        with tls_context(ca).wrap_socket(raw, server_hostname=HOST) as s:
            return s.getpeercert(binary_form=True)


def der(cert_path):
    with open(cert_path) as f:
        return ssl.PEM_cert_to_DER_cert(f.read())


class SecureServer(Server):
    """A Server behind a web config: its probes go over TLS (client certificate and
    credentials as given)."""

    def __init__(self, *a, web_config, ctx=None, auth=None, extra=(), **kw):
        super().__init__(*a, extra=[f"--web.config.file={web_config}", *extra], **kw)
        self.ctx, self.auth = ctx, auth

    def probe(self, path):
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.binary} exited with {self.proc.returncode}:\n{self.output()}")
        try:
            return request(self.api_port, "GET", path, ctx=self.ctx, auth=self.auth, timeout=1)[0]
        except (OSError, ssl.SSLError):
            return None

    def get(self, path, **kw):
        kw.setdefault("ctx", self.ctx)
        kw.setdefault("auth", self.auth)
        return request(self.api_port, "GET", path, **kw)


def start_secure(binary, workdir, name, config, web_config, ctx=None, auth=None):
    s = SecureServer(binary, workdir, config, name=name, web_config=web_config, ctx=ctx, auth=auth)
    s.start(wait=False)
    wait_until(s.ready, timeout=20, what=f"{name} ready over TLS")
    return s
