import Foundation
import GoCompat

/// A rendered email: headers (already template-expanded, not yet encoded) and the text and
/// HTML bodies (empty = part left out). `encoded()` produces the bytes Alertmanager 0.25's
/// email notifier writes after `DATA`.
package struct EmailMessage: Sendable, Equatable {
    /// Header name -> value. Written in name order (Alertmanager writes Go map order, which is
    /// random; Tocsin keeps a stable order).
    package var headers: [String: String]
    package var text: String
    package var html: String
    /// `<unixNano.random@hostname>`, used unless `headers` has `Message-Id`.
    package var messageID: String
    /// The `Date` header value (RFC 1123 with numeric zone).
    package var date: String
    /// 60 hex digits, as Go's `multipart.Writer` picks.
    package var boundary: String
    /// `threading` (0.30+): the made-up root Message-ID written as `References` and
    /// `In-Reply-To` after `Message-Id`; nil = not threaded.
    package var threadRootID: String?

    package init(headers: [String: String], text: String, html: String, messageID: String, date: String,
                boundary: String) {
        self.headers = headers
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.boundary = boundary
    }

    /// Go's `Message-Id` value: `<%d.%d@%s>` of Unix nanoseconds, a random uint64 and the host name.
    /// tocsin's `Message-Id` for a notification with an idempotency key: the same on every
    /// node (no host name, no time), so a mail system that drops repeated ids drops a
    /// duplicate sent by two nodes.
    package static func idempotentMessageID(key: String) -> String { "<\(key)@tocsin.idempotency>" }

    package static func makeMessageID(now: Date, random: UInt64, hostname: String) -> String {
        let nanos = Int64((now.timeIntervalSince1970 * 1e9).rounded())
        return "<\(nanos).\(random)@\(hostname)>"
    }

    /// Go's `time.RFC1123Z` (`Mon, 02 Jan 2006 15:04:05 -0700`) in the given zone offset.
    package static func formatDate(_ now: Date, offsetSeconds: Int) -> String {
        GoTime(now).inZone(offsetSeconds: offsetSeconds, name: "").format("Mon, 02 Jan 2006 15:04:05 -0700")
    }

    /// A random boundary as Go's `multipart.randomBoundary`: 30 random bytes in hex.
    package static func makeBoundary<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for _ in 0..<30 {
            let b = UInt8.random(in: 0...255, using: &generator)
            out += [digits[Int(b >> 4)], digits[Int(b & 15)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The message bytes: each header as `Name: <Q-encoded value>`, then `Message-Id`,
    /// `Date`, `Content-Type: multipart/alternative;  boundary=...` (two spaces, as
    /// Alertmanager writes it), `MIME-Version: 1.0`, a blank line, and the parts (text then
    /// HTML, each quoted-printable) as Go's `multipart.Writer` lays them out.
    package func encoded() -> [UInt8] {
        var out = ""
        for name in headers.keys.sorted() {
            out += "\(name): \(EmailEncoding.qEncode(headers[name] ?? ""))\r\n"
        }
        if headers["Message-Id"] == nil { out += "Message-Id: \(messageID)\r\n" }
        if let threadRootID { out += "References: \(threadRootID)\r\nIn-Reply-To: \(threadRootID)\r\n" }
        out += "Date: \(date)\r\n"
        out += "Content-Type: multipart/alternative;  boundary=\(boundary)\r\n"
        out += "MIME-Version: 1.0\r\n\r\n"
        var bytes = Array(out.utf8)
        var first = true
        for (body, type) in [(text, "text/plain"), (html, "text/html")] where !body.isEmpty {
            let delimiter = (first ? "" : "\r\n") + "--\(boundary)\r\n"
            first = false
            bytes += Array((delimiter + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "Content-Type: \(type); charset=UTF-8\r\n\r\n").utf8)
            bytes += EmailEncoding.quotedPrintable(Array(body.utf8))
        }
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return bytes
    }
}
