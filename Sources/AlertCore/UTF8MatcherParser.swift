import GoCompat

/// The UTF-8 matcher parser of Alertmanager 0.27+ (`matcher/parse`): quoted names and
/// values in Go string syntax, unquoted runs of non-reserved characters, `{…}` optional.
/// Errors carry byte positions `start:end:` like Alertmanager's.
package enum UTF8MatcherParser {
    enum Kind: Equatable { case open, close, comma, op(MatchType), quoted(String), unquoted(String), end }
    struct Token { let kind: Kind; let start: Int; let end: Int }

    static func isReserved(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || "{}!=~,\\\"'`".unicodeScalars.contains(c)
    }

    static func lex(_ input: String) throws(MatcherParseError) -> [Token] {
        let sc = Array(input.unicodeScalars)
        var offs: [Int] = []  // byte offset of each scalar
        var o = 0
        for c in sc { offs.append(o); o += String(c).utf8.count }
        offs.append(o)
        var toks: [Token] = []
        var i = 0
        while i < sc.count {
            let c = sc[i]
            if c.properties.isWhitespace { i += 1; continue }
            let start = offs[i]
            switch c {
            case "{": toks.append(Token(kind: .open, start: start, end: start + 1)); i += 1
            case "}": toks.append(Token(kind: .close, start: start, end: start + 1)); i += 1
            case ",": toks.append(Token(kind: .comma, start: start, end: start + 1)); i += 1
            case "=":
                if i + 1 < sc.count, sc[i + 1] == "~" {
                    toks.append(Token(kind: .op(.regexp), start: start, end: start + 2)); i += 2
                } else {
                    toks.append(Token(kind: .op(.equal), start: start, end: start + 1)); i += 1
                }
            case "!":
                guard i + 1 < sc.count, sc[i + 1] == "=" || sc[i + 1] == "~" else {
                    throw MatcherParseError("\(start):\(start + 1): \(String(c)): invalid input: expected one of '=~'")
                }
                toks.append(Token(kind: .op(sc[i + 1] == "=" ? .notEqual : .notRegexp), start: start, end: start + 2))
                i += 2
            case "\"":
                var j = i + 1
                var escaped = false
                while j < sc.count {
                    if escaped { escaped = false } else if sc[j] == "\\" { escaped = true } else if sc[j] == "\"" { break }
                    j += 1
                }
                guard j < sc.count else {
                    throw MatcherParseError("\(start):\(offs[sc.count]): \(String(String.UnicodeScalarView(sc[i...]))): invalid input: missing end \"")
                }
                let body = Array(sc[(i + 1)..<j])
                guard let s = GoQuote.unquote(body) else {
                    throw MatcherParseError("\(start):\(offs[j + 1]): \(String(String.UnicodeScalarView(sc[i...j]))): invalid input")
                }
                toks.append(Token(kind: .quoted(s), start: start, end: offs[j + 1]))
                i = j + 1
            default:
                if isReserved(c) {
                    throw MatcherParseError("\(start):\(offs[i + 1]): \(String(c)): invalid input: expected label name")
                }
                var j = i
                while j < sc.count, !isReserved(sc[j]) { j += 1 }
                toks.append(Token(kind: .unquoted(String(String.UnicodeScalarView(sc[i..<j]))), start: start, end: offs[j]))
                i = j
            }
        }
        toks.append(Token(kind: .end, start: o, end: o))
        return toks
    }

    static func describe(_ k: Kind) -> String {
        switch k {
        case .open: "{"
        case .close: "}"
        case .comma: ","
        case .op(let t): t.description
        case .quoted(let s): GoQuote.quote(s)
        case .unquoted(let s): s
        case .end: "end of input"
        }
    }

    static func unexpected(_ t: Token, expected: String) -> MatcherParseError {
        if t.kind == .end { return MatcherParseError("\(t.start):\(t.end): unexpected end of input, expected \(expected)") }
        return MatcherParseError("\(t.start):\(t.end): unexpected \(describe(t.kind)): expected \(expected)")
    }

    /// Parses a matcher list; `{}` or empty input gives no matchers.
    package static func parseMatchers(_ input: String) throws(MatcherParseError) -> [Matcher] {
        let toks = try lex(input)
        var p = 0
        var braced = false
        if toks[p].kind == .open { braced = true; p += 1 }
        var out: [Matcher] = []
        while true {
            let t = toks[p]
            if t.kind == .end {
                if braced { throw MatcherParseError("0:\(t.end): missing end of input, expected close brace") }
                return out
            }
            if t.kind == .close {
                guard braced else { throw unexpected(t, expected: "label name") }
                guard toks[p + 1].kind == .end else { throw unexpected(toks[p + 1], expected: "end of input") }
                return out
            }
            out.append(try parseOne(toks, &p))
            switch toks[p].kind {
            case .comma: p += 1
            case .close, .end: continue
            default: throw unexpected(toks[p], expected: "comma or close brace")
            }
        }
    }

    /// A single matcher; input starting with `{` or ending with `}` is rejected.
    package static func parseMatcher(_ input: String) throws(MatcherParseError) -> Matcher {
        let toks = try lex(input)
        if let f = toks.first, f.kind == .open { throw unexpected(f, expected: "label name") }
        var p = 0
        let m = try parseOne(toks, &p)
        guard toks[p].kind == .end else { throw unexpected(toks[p], expected: "end of input") }
        return m
    }

    /// The text of a quoted or unquoted token; any other token is the error naming `expected`.
    static func text(_ tok: Token, expected: String) throws(MatcherParseError) -> String {
        switch tok.kind {
        case .quoted(let s), .unquoted(let s): return s
        default: throw unexpected(tok, expected: expected)
        }
    }

    static func parseOne(_ toks: [Token], _ p: inout Int) throws(MatcherParseError) -> Matcher {
        let nameTok = toks[p]
        let name = try text(nameTok, expected: "label name")
        p += 1
        guard case .op(let type) = toks[p].kind else { throw unexpected(toks[p], expected: "one of '=', '!=', '=~' or '!~'") }
        p += 1
        let valueTok = toks[p]
        let value = try text(valueTok, expected: "label value")
        p += 1
        do {
            return try Matcher(type, name, value)
        } catch {
            throw MatcherParseError("\(nameTok.start):\(valueTok.end): \(error.message)")
        }
    }
}
