import AlertCore
import GoCompat

/// A value that must never be shown: it renders as `<secret>` in `description`, in
/// `Config.marshalledYAML` and so in `GET /api/v2/status` (Alertmanager's `config.Secret`).
package struct Secret: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The real value, for the notifier that needs it.
    package let value: String

    package init(_ value: String) { self.value = value }
    package init(stringLiteral value: String) { self.value = value }

    package var isEmpty: Bool { value.isEmpty }
    package var description: String { "<secret>" }

    /// The secret to use: this inline one when set, else a `*_file`'s content (Alertmanager
    /// prefers the inline value).
    package func or(_ fromFile: Secret?) -> Secret { isEmpty ? (fromFile ?? self) : self }

    /// The marker Alertmanager writes in place of a secret.
    package static let marker = "<secret>"
}

/// An http/https URL validated at load like Alertmanager's `config.URL` (`unsupported scheme
/// "ftp" for URL`, `missing host for URL`). Kept as components so that OpsGenie, WeChat and
/// VictorOps can get their trailing `/` added to the path as Alertmanager does.
package struct ConfigURL: Sendable, Hashable, CustomStringConvertible {
    package var scheme: String
    package var user: String?
    package var host: String
    package var path: String
    package var query: String?
    package var fragment: String?

    /// Parses like Go's `url.Parse` followed by Alertmanager's scheme and host checks.
    package static func parse(_ s: String) throws(ConfigError) -> ConfigURL {
        let u = try parseLoose(s)
        guard u.scheme == "http" || u.scheme == "https" else {
            throw ConfigError("unsupported scheme \(GoQuote.quote(u.scheme)) for URL")
        }
        guard !u.host.isEmpty else { throw ConfigError("missing host for URL") }
        return u
    }

    /// Go's `url.Parse` without the scheme/host checks (prometheus/common's `proxy_url`).
    package static func parseLoose(_ s: String) throws(ConfigError) -> ConfigURL {
        var rest = Substring(s)
        var fragment: String?
        if let i = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: i)...])
            rest = rest[..<i]
        }
        var scheme = ""
        if let colon = rest.firstIndex(of: ":") {
            let cand = rest[..<colon]
            if cand.isEmpty { throw ConfigError("parse \(GoQuote.quote(s)): missing protocol scheme") }
            let ok = cand.first?.isLetter == true
                && cand.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            if ok {
                scheme = cand.lowercased()
                rest = rest[rest.index(after: colon)...]
            }
        }
        var query: String?
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        var user: String?
        var host = ""
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<end]
            rest = rest[end...]
            if let at = authority.lastIndex(of: "@") {
                user = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            if let bad = authority.first(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" }) {
                throw ConfigError("parse \(GoQuote.quote(s)): invalid character \(GoQuote.quote(String(bad))) in host name")
            }
            host = String(authority)
        }
        return ConfigURL(scheme: scheme, user: user, host: host, path: String(rest), query: query, fragment: fragment)
    }

    /// The URL as text (Go's `URL.String()` for the URLs configs hold).
    package var description: String {
        var s = scheme.isEmpty ? "" : scheme + ":"
        if !host.isEmpty || user != nil || !scheme.isEmpty { s += "//" }
        if let user { s += user + "@" }
        s += host + path
        if let query { s += "?" + query }
        if let fragment { s += "#" + fragment }
        return s
    }

    /// With the password of the user part replaced by `xxxxx` (Go's `URL.Redacted`).
    package var redacted: String {
        guard let user, let colon = user.firstIndex(of: ":") else { return description }
        var copy = self
        copy.user = String(user[..<colon]) + ":xxxxx"
        return copy.description
    }

    /// The same URL with `/` appended to the path if missing.
    func withTrailingSlash() -> ConfigURL {
        var c = self
        if !c.path.hasSuffix("/") { c.path += "/" }
        return c
    }
}

/// `host:port` (Alertmanager's `HostPort`), validated with Go's `net.SplitHostPort` rules.
package struct HostPort: Sendable, Hashable, CustomStringConvertible {
    package let host: String
    package let port: String

    package init(host: String, port: String) {
        self.host = host
        self.port = port
    }

    package static func parse(_ s: String) throws(ConfigError) -> HostPort {
        func fail(_ why: String) -> ConfigError { ConfigError("address \(s): \(why)") }
        let host: Substring, port: Substring
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { throw fail("missing ']' in address") }
            let after = s[s.index(after: close)...]
            guard after.hasPrefix(":") else {
                throw after.isEmpty ? fail("missing port in address") : fail("unexpected ']' in address")
            }
            host = s[s.index(after: s.startIndex)..<close]
            port = after.dropFirst()
        } else {
            guard let colon = s.lastIndex(of: ":") else { throw fail("missing port in address") }
            host = s[..<colon]
            if host.contains(":") { throw fail("too many colons in address") }
            port = s[s.index(after: colon)...]
        }
        if port.isEmpty { throw ConfigError("address \(GoQuote.quote(s)): port cannot be empty") }
        return HostPort(host: String(host), port: String(port))
    }

    package var description: String { host.isEmpty && port.isEmpty ? "" : "\(host):\(port)" }
}
