/// An error from a matcher parser, worded as Alertmanager words it.
package struct MatcherParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// Alertmanager 0.25's matcher parser (`pkg/labels/parse.go`), the only one 0.25 has.
package enum ClassicMatcherParser {
    /// `ParseMatcher`: one matcher such as `foo = "bar"`, `foo=~bar.*`, `job!=`.
    package static func parseMatcher(_ s: String) throws(MatcherParseError) -> Matcher {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }
        while i < scalars.count, isSpace(scalars[i]) { i += 1 }
        let nameStart = i
        func isNameChar(_ c: Unicode.Scalar, first: Bool) -> Bool {
            switch c {
            case "a"..."z", "A"..."Z", "_", ":": return true
            case "0"..."9": return !first
            default: return false
            }
        }
        while i < scalars.count, isNameChar(scalars[i], first: i == nameStart) { i += 1 }
        guard i > nameStart else { throw MatcherParseError("bad matcher format: \(s)") }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<i]))
        while i < scalars.count, isSpace(scalars[i]) { i += 1 }
        let type: MatchType
        func at(_ k: Int) -> Unicode.Scalar? { k < scalars.count ? scalars[k] : nil }
        switch (at(i), at(i + 1)) {
        case ("=", "~"): type = .regexp; i += 2
        case ("=", _): type = .equal; i += 1
        case ("!", "="): type = .notEqual; i += 2
        case ("!", "~"): type = .notRegexp; i += 2
        default: throw MatcherParseError("bad matcher format: \(s)")
        }
        while i < scalars.count, isSpace(scalars[i]) { i += 1 }
        var end = scalars.count
        while end > i, isSpace(scalars[end - 1]) { end -= 1 }
        let raw = Array(scalars[i..<end])
        let value = try unescape(raw, original: String(String.UnicodeScalarView(raw)))
        do {
            return try Matcher(type, name, value)
        } catch {
            throw MatcherParseError(error.message)
        }
    }

    /// The value rules of 0.25: an optional leading quote requires a closing quote as the
    /// last character; `\n`, `\"`, `\\` are unescaped, any other `\x` stays literal.
    static func unescape(_ rawIn: [Unicode.Scalar], original: String) throws(MatcherParseError) -> String {
        var raw = rawIn[...]
        var expectTrailingQuote = false
        if raw.first == "\"" {
            raw = raw.dropFirst()
            expectTrailingQuote = true
        }
        var out = String.UnicodeScalarView()
        var escaped = false
        let last = raw.endIndex - 1
        for idx in raw.indices {
            let r = raw[idx]
            if escaped {
                escaped = false
                switch r {
                case "n": out.append("\n")
                case "\"", "\\": out.append(r)
                default:
                    out.append("\\")
                    out.append(r)
                }
                continue
            }
            switch r {
            case "\\":
                if idx < last {
                    escaped = true
                } else {
                    out.append("\\")
                }
            case "\"":
                if !expectTrailingQuote || idx < last {
                    throw MatcherParseError("matcher value contains unescaped double quote: \(original)")
                }
                expectTrailingQuote = false
            default:
                out.append(r)
            }
        }
        if expectTrailingQuote {
            throw MatcherParseError("matcher value contains unescaped double quote: \(original)")
        }
        return String(out)
    }

    /// `ParseMatchers`: `{a="b", c=~"d"}` or `a=b,c!=d`; one trailing comma tolerated.
    package static func parseMatchers(_ input: String) throws(MatcherParseError) -> [Matcher] {
        var s = Substring(input)
        if s.hasPrefix("{") { s = s.dropFirst() }
        if s.hasSuffix("}") { s = s.dropLast() }
        var tokens: [String] = []
        var token = String.UnicodeScalarView()
        var insideQuotes = false, escaped = false
        for r in s.unicodeScalars {
            switch r {
            case ",":
                if !insideQuotes {
                    tokens.append(String(token))
                    token = String.UnicodeScalarView()
                    continue
                }
            case "\"":
                if !escaped { insideQuotes.toggle() } else { escaped = false }
            case "\\":
                escaped.toggle()
            default:
                escaped = false
            }
            token.append(r)
        }
        let lastToken = String(token).trimmingGoSpace()
        if !lastToken.isEmpty { tokens.append(lastToken) }
        var out: [Matcher] = []
        for t in tokens { out.append(try parseMatcher(t)) }
        return out
    }
}

extension String {
    /// `strings.TrimSpace` for the ASCII whitespace Go's `\s` knows.
    func trimmingGoSpace() -> String {
        let sc = unicodeScalars
        var a = sc.startIndex, b = sc.endIndex
        func sp(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" }
        while a < b, sp(sc[a]) { a = sc.index(after: a) }
        while b > a, sp(sc[sc.index(before: b)]) { b = sc.index(before: b) }
        return String(sc[a..<b])
    }
}
