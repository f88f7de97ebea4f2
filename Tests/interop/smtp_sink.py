#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) that keeps every mail it accepts as one JSON line.

    smtp_sink.py --port 2525 --out mails.jsonl [--starttls] [--require-starttls]
                 [--cert FILE --key FILE] [--auth USER:PASS] [--auth-without-tls]
                 [--auth-mechs PLAIN,LOGIN] [--reject CODE] [--max-seconds 600]

A record: {"ts", "peer", "mail_from", "rcpt_tos", "subject", "headers" (first value of each
header), "data" (the message as sent), "tls" (whether STARTTLS was used), "auth_user",
"answered" (the code DATA got)}.

--starttls          offer STARTTLS; the certificate is --cert/--key, or a self-signed one for
                    localhost and 127.0.0.1 made with openssl (clients must skip verification)
--require-starttls  refuse MAIL before STARTTLS
--auth USER:PASS    require AUTH (PLAIN and LOGIN); offered only after STARTTLS unless
                    --auth-without-tls
--auth-mechs        the mechanisms offered, in this order of preference
--reject CODE       answer DATA with CODE (451: temporary, 554: permanent); still recorded

AUTH LOGIN prompts are "Username:" and "Password:" (base64), as Postfix and Cyrus send them:
Go's and so Alertmanager's LOGIN client answers only those, not aiosmtpd's "User Name".

Also importable: SmtpSink(out=..., ...).start() serves in a thread (.port, .stop()).
Binds 127.0.0.1 only. Needs aiosmtpd (Debian: python3-aiosmtpd).
"""
import argparse
import email
import email.policy
import json
import logging
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import warnings

warnings.filterwarnings("ignore", module="aiosmtpd")
logging.getLogger("mail.log").setLevel(logging.CRITICAL)

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("smtp_sink.py needs aiosmtpd: apt-get install python3-aiosmtpd (or pip install aiosmtpd)")


class PromptingSMTP(SMTP):
    """aiosmtpd's server with the AUTH LOGIN prompts real mail servers send."""
    AuthLoginUsernameChallenge = "Username:"
    AuthLoginPasswordChallenge = "Password:"


class _Controller(Controller):
    def factory(self):
        return PromptingSMTP(self.handler, **self.SMTP_kwargs)


def self_signed_certificate(directory):
    """(cert, key) paths of a self-signed certificate for localhost/127.0.0.1, made once."""
    os.makedirs(directory, exist_ok=True)
    cert, key = os.path.join(directory, "smtp-sink.crt"), os.path.join(directory, "smtp-sink.key")
    if not (os.path.exists(cert) and os.path.exists(key)):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", key, "-out", cert],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class _Recorder:
    """aiosmtpd handler: writes each message's record, answers DATA."""

    def __init__(self, out, reject):
        self.reject = reject
        self.lock = threading.Lock()
        self.records = []
        self.file = open(out, "a", buffering=1) if out else None

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        message = email.message_from_string(text, policy=email.policy.default)
        headers = {}
        for name, value in message.items():
            headers.setdefault(name, str(value))
        login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
        record = {
            "ts": time.time(), "peer": list(session.peer) if session.peer else None,
            "mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")), "headers": headers, "data": text,
            "tls": session.ssl is not None,
            "auth_user": login.decode("utf-8", "replace") if login is not None else None,
            "answered": self.reject or 250,
        }
        with self.lock:
            self.records.append(record)
            if self.file:
                self.file.write(json.dumps(record, sort_keys=True) + "\n")
        return f"{self.reject} rejected by smtp_sink" if self.reject else "250 OK"


class SmtpSink:
    def __init__(self, port=0, out=None, starttls=False, require_starttls=False, cert=None, key=None,
                 auth=None, auth_without_tls=False, auth_mechs=("PLAIN", "LOGIN"), reject=None,
                 cert_dir=None):
        if port == 0:
            import socket
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
        self.port = port
        self.recorder = _Recorder(out, reject)
        options = {}
        if starttls or require_starttls:
            if not cert:
                cert, key = self_signed_certificate(cert_dir or os.path.join(tempfile.gettempdir(), "tocsin-smtp-sink"))
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            options.update(tls_context=context, require_starttls=require_starttls)
        if auth:
            user, _, password = auth.partition(":")

            def check(server, session, envelope, mechanism, data):
                ok = (isinstance(data, LoginPassword) and data.login.decode() == user
                      and data.password.decode() == password)
                return AuthResult(success=ok, auth_data=data if ok else None)

            wanted = [m.strip().upper() for m in auth_mechs if m.strip()]
            options.update(authenticator=check, auth_required=True, auth_require_tls=not auth_without_tls,
                           auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in wanted])
        self.tls = "tls_context" in options
        self._controller = _Controller(self.recorder, hostname="127.0.0.1", port=port,
                                       server_hostname="smtp-sink.test", **options)

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()
        if self.recorder.file:
            self.recorder.file.close()

    def records(self):
        with self.recorder.lock:
            return list(self.recorder.records)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=2525)
    p.add_argument("--out", default="mails.jsonl")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--require-starttls", action="store_true")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--cert-dir", help="where the self-signed certificate is kept")
    p.add_argument("--auth", metavar="USER:PASS")
    p.add_argument("--auth-without-tls", action="store_true")
    p.add_argument("--auth-mechs", default="PLAIN,LOGIN")
    p.add_argument("--reject", type=int, metavar="CODE")
    p.add_argument("--max-seconds", type=float, default=3600, help="0: run until signalled")
    a = p.parse_args()
    sink = SmtpSink(a.port, a.out, a.starttls, a.require_starttls, a.cert, a.key, a.auth, a.auth_without_tls,
                    a.auth_mechs.split(","), a.reject, a.cert_dir).start()
    print(f"smtp sink on 127.0.0.1:{sink.port} -> {a.out} (starttls={sink.tls}, auth={bool(a.auth)})",
          file=sys.stderr, flush=True)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    done.wait(a.max_seconds or None)
    sink.stop()


if __name__ == "__main__":
    main()
