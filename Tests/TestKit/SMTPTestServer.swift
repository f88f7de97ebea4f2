import Foundation

/// A real SMTP server for tests: an aiosmtpd script (below) run with python3 as a child
/// process on 127.0.0.1. It records every message it receives (accepted or not) as one JSON
/// line, and can offer STARTTLS or implicit TLS (self-signed certificate made with openssl),
/// AUTH PLAIN/LOGIN/CRAM-MD5 (LOGIN prompts `Username:`/`Password:` like Postfix), and answer
/// the DATA of the first messages with given codes (e.g. 451 then 250).
///
/// Python with aiosmtpd is required: `start` throws when it is missing, so tests fail rather
/// than skip (scripts/install-deps.sh installs python3-aiosmtpd).
package final class SMTPTestServer: @unchecked Sendable {
    // @unchecked: `process` and `directory` are set once in init and never mutated.
    package struct Options: Sendable {
        package var starttls = false
        package var implicitTLS = false
        package var requireStarttls = false
        /// `user:password` (CRAM-MD5 uses the password as the shared secret).
        package var auth: String?
        /// Mechanisms to offer, in this order is not guaranteed (aiosmtpd sorts them).
        package var authMechanisms = ["PLAIN", "LOGIN"]
        package var authWithoutTLS = false
        /// Reply codes for the DATA of the first messages; later ones get 250.
        package var dataCodes: [Int] = []
        package init() {}
    }

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package let port: Int
    package let directory: URL
    package let certificateFile: String
    private let process: Process
    private let output: URL

    package init(_ options: Options = Options()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        output = directory.appendingPathComponent("mails.jsonl")
        certificateFile = directory.appendingPathComponent("cert.pem").path
        var args = [script.path, "--out", output.path, "--cert-dir", directory.path,
                    "--mechs", options.authMechanisms.joined(separator: ","),
                    "--codes", options.dataCodes.map(String.init).joined(separator: ",")]
        if options.starttls { args.append("--starttls") }
        if options.implicitTLS { args.append("--implicit-tls") }
        if options.requireStarttls { args.append("--require-starttls") }
        if options.authWithoutTLS { args.append("--auth-without-tls") }
        if let auth = options.auth { args += ["--auth", auth] }
        process = Process()
        let (python, prefix) = Self.python()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = prefix + args
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The script prints "READY <port>" once it accepts connections, or exits.
        var line = Data()
        while true {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
            if line.contains(UInt8(ascii: "\n")) { break }
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.waitUntilExit()
            throw Failure(description: "SMTP test server did not start (exit \(process.terminationStatus)): \(text); "
                          + "python3 with aiosmtpd and openssl are required (scripts/install-deps.sh)")
        }
        self.port = port
    }

    /// The python that has aiosmtpd: `$TOCSIN_PYTHON`, else Debian's /usr/bin/python3 (where
    /// python3-aiosmtpd installs), else the first python3 on PATH.
    static func python() -> (String, [String]) {
        if let p = ProcessInfo.processInfo.environment["TOCSIN_PYTHON"], !p.isEmpty { return (p, []) }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") { return ("/usr/bin/python3", []) }
        return ("/usr/bin/env", ["python3"])
    }

    /// Every message received so far (one dictionary per DATA, with keys `mail_from`,
    /// `rcpt_tos`, `data`, `tls`, `auth_user`, `code`).
    package func messages() -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: output.path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    package func stop() {
        if process.isRunning {
            // Every record is written and closed when received, so nothing is lost by
            // SIGKILL (aiosmtpd's orderly stop can take seconds).
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    static let script = #"""
import argparse, base64, hmac, json, os, signal, socket, ssl, subprocess, sys, threading, time, warnings
warnings.filterwarnings("ignore")
try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    print("aiosmtpd missing", flush=True); sys.exit(3)

ap = argparse.ArgumentParser()
ap.add_argument("--out"); ap.add_argument("--cert-dir")
ap.add_argument("--starttls", action="store_true"); ap.add_argument("--implicit-tls", action="store_true")
ap.add_argument("--require-starttls", action="store_true"); ap.add_argument("--auth-without-tls", action="store_true")
ap.add_argument("--auth"); ap.add_argument("--mechs", default="PLAIN,LOGIN"); ap.add_argument("--codes", default="")
a = ap.parse_args()
user, _, secret = (a.auth or "").partition(":")

class TestSMTP(SMTP):
    AuthLoginUsernameChallenge = "Username:"
    AuthLoginPasswordChallenge = "Password:"
    async def auth_CRAM__MD5(self, _, args):
        challenge = ("<%d.%d@smtp-test>" % (os.getpid(), time.time_ns())).encode()
        answer = await self.challenge_auth(base64.b64encode(challenge).decode(), encode_to_b64=False)
        if not isinstance(answer, bytes):
            return AuthResult(success=False, handled=False)
        name, _, digest = answer.decode().rpartition(" ")
        want = hmac.new(secret.encode(), challenge, "md5").hexdigest()
        ok = name == user and hmac.compare_digest(digest, want)
        return AuthResult(success=ok, handled=False, auth_data=LoginPassword(name.encode(), b"") if ok else None)

class TestController(Controller):
    def factory(self):
        return TestSMTP(self.handler, **self.SMTP_kwargs)

class Recorder:
    def __init__(self):
        self.codes = [int(c) for c in a.codes.split(",") if c.strip()]
        self.lock = threading.Lock()
    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            code = self.codes.pop(0) if self.codes else 250
        raw = envelope.original_content or envelope.content
        auth = session.auth_data.login.decode() if isinstance(getattr(session, "auth_data", None), LoginPassword) else None
        rec = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "mail_options": envelope.mail_options,
               "data": raw.decode("utf-8", "replace"), "tls": a.implicit_tls or session.ssl is not None, "auth_user": auth, "code": code}
        with self.lock, open(a.out, "a") as f:
            f.write(json.dumps(rec) + "\n")
        return "250 OK" if code == 250 else "%d 4.0.0 test failure" % code if code < 500 else "%d 5.0.0 test failure" % code

kw = {}
if a.starttls or a.implicit_tls or a.require_starttls:
    cert, key = os.path.join(a.cert_dir, "cert.pem"), os.path.join(a.cert_dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", key,
                    "-out", cert, "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    if a.implicit_tls:
        kw["ssl_context"] = ctx
    else:
        kw["tls_context"] = ctx
        kw["require_starttls"] = a.require_starttls
if a.auth:
    offer = {m.strip().upper() for m in a.mechs.split(",") if m.strip()}
    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == secret
        return AuthResult(success=ok, handled=False, auth_data=data if ok else None)
    kw.update(authenticator=authenticator, auth_required=True, auth_require_tls=not (a.auth_without_tls or a.implicit_tls),
              auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN", "CRAM-MD5") if m not in offer])
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
ctl = TestController(Recorder(), hostname="127.0.0.1", port=port, server_hostname="smtp-test.local", **kw)
ctl.start()
print("READY %d" % port, flush=True)
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
stop.wait(600)
ctl.stop()
"""#
}
