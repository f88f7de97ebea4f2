/// Token kinds of Go's `text/template/parse` lexer.
enum TokenKind: Equatable {
    case text, leftDelim, rightDelim, identifier, field, variable, dot, string, rawString
    case char, number, bool, null, pipe, leftParen, rightParen, assign, declare, comma, space
    case keyword(String)
    /// Any other printable ASCII character (Go's `itemChar`); the parser rejects it in context.
    case otherChar
    case eof
}

struct Token {
    var kind: TokenKind
    var text: String
    /// Byte offset into the template source (Go's `Pos`).
    var pos: Int
    var line: Int
}

struct ParseFailure: Error {
    var line: Int
    var message: String
    /// The parser failed on the marker standing for a lexing error (see `Lexer.tokenizeUntilError`).
    var atLexError = false
}

/// Splits template source into tokens like Go's lexer: text between `{{ }}`,
/// trim markers (`{{- ` and ` -}}` remove adjacent white space), comments
/// `{{/* */}}`, and the tokens inside actions.
struct Lexer {
    private let src: [UInt8]
    private var i = 0
    private var line = 1
    private(set) var tokens: [Token] = []
    private static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ]

    init(_ text: String) { src = Array(text.utf8) }

    static func tokenize(_ text: String) throws(ParseFailure) -> [Token] {
        var l = Lexer(text)
        try l.run()
        return l.tokens
    }

    /// Go's lexer hands a lexing error to the parser as one more item, in sequence: a parse
    /// error on an earlier token wins (`{{ .Foo }` at end of input is `unexpected "}" in
    /// operand`, not `unclosed action`). So: the tokens before the error, then an `.eof`
    /// marker with `pos == -1` where the error item was, and the error itself.
    static func tokenizeUntilError(_ text: String) -> (tokens: [Token], failure: ParseFailure?) {
        var l = Lexer(text)
        do {
            try l.run()
            return (l.tokens, nil)
        } catch {
            l.tokens.append(Token(kind: .eof, text: "", pos: -1, line: error.line))
            return (l.tokens, error)
        }
    }

    private func str(_ a: Int, _ b: Int) -> String { String(decoding: src[a..<b], as: UTF8.self) }
    private func at(_ k: Int) -> UInt8? { k < src.count ? src[k] : nil }
    private func hasPrefix(_ p: String, at k: Int) -> Bool {
        let b = Array(p.utf8)
        guard k + b.count <= src.count else { return false }
        return Array(src[k..<k + b.count]) == b
    }
    private static func isSpace(_ c: UInt8?) -> Bool { c == 32 || c == 9 || c == 13 || c == 10 }
    private mutating func emit(_ kind: TokenKind, _ a: Int, _ b: Int) {
        tokens.append(Token(kind: kind, text: str(a, b), pos: a, line: line))
        line += src[a..<b].lazy.filter { $0 == 10 }.count
    }

    private mutating func run() throws(ParseFailure) {
        while i < src.count {
            // Text up to the next "{{".
            var j = i
            while j < src.count && !hasPrefix("{{", at: j) { j += 1 }
            let trimLeft = hasPrefix("{{-", at: j) && Lexer.isSpace(at(j + 3))
            var end = j
            if trimLeft { while end > i && Lexer.isSpace(src[end - 1]) { end -= 1 } }
            if end > i { emit(.text, i, end) }
            line += src[end..<j].lazy.filter { $0 == 10 }.count
            if j >= src.count { break }
            i = j
            try lexAction(trimLeft: trimLeft)
        }
        tokens.append(Token(kind: .eof, text: "", pos: src.count, line: line))
    }

    /// Lexes one `{{ ... }}` (or a comment) starting at `i`.
    private mutating func lexAction(trimLeft: Bool) throws(ParseFailure) {
        let start = i
        i += trimLeft ? 3 : 2
        let startLine = line
        var k = i
        while Lexer.isSpace(at(k)) && trimLeft { k += 1 }
        if hasPrefix("/*", at: trimLeft ? k : i) {
            let cstart = trimLeft ? k : i
            var e = cstart + 2
            while e < src.count && !hasPrefix("*/", at: e) { e += 1 }
            guard e < src.count else { throw ParseFailure(line: startLine, message: "unclosed comment") }
            e += 2
            line += src[start..<e].lazy.filter { $0 == 10 }.count
            var trimRight = false
            if hasPrefix(" -}}", at: e) || hasPrefix("\t-}}", at: e) || hasPrefix("\n-}}", at: e) {
                trimRight = true; e += 4
            } else if hasPrefix("}}", at: e) {
                e += 2
            } else {
                throw ParseFailure(line: startLine, message: "comment ends before closing delimiter")
            }
            i = e
            if trimRight { skipSpace() }
            return
        }
        tokens.append(Token(kind: .leftDelim, text: "{{", pos: start, line: line))
        var parenDepth = 0
        while true {
            guard let c = at(i) else { throw ParseFailure(line: startLine, message: "unclosed action") }
            if Lexer.isSpace(c) {
                var e = i
                while Lexer.isSpace(at(e)) { e += 1 }
                if hasPrefix("-}}", at: e) {
                    line += src[i..<e].lazy.filter { $0 == 10 }.count
                    tokens.append(Token(kind: .rightDelim, text: "}}", pos: e, line: line))
                    i = e + 3
                    skipSpace()
                    return
                }
                emit(.space, i, e); i = e
                continue
            }
            if hasPrefix("}}", at: i) {
                if parenDepth > 0 { throw ParseFailure(line: line, message: "unclosed left paren") }
                tokens.append(Token(kind: .rightDelim, text: "}}", pos: i, line: line))
                i += 2
                return
            }
            try lexInside(c, parenDepth: &parenDepth)
        }
    }

    private mutating func skipSpace() {
        while Lexer.isSpace(at(i)) { if src[i] == 10 { line += 1 }; i += 1 }
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
    }

    /// Go's `%#U` of the first scalar of `s`, e.g. "U+0001".
    static func goRune(_ s: String) -> String {
        guard let u = s.unicodeScalars.first else { return "U+FFFD" }
        let hex = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Moves past a `"` string or `'` character constant opening at `i`: backslash escapes
    /// the next byte; a newline or the end of input before the closing `quote` is an error.
    private mutating func skipQuoted(_ quote: UInt8, unterminated: String) throws(ParseFailure) {
        i += 1
        while true {
            guard let d = at(i), d != 10 else { throw ParseFailure(line: line, message: unterminated) }
            i += 1
            if d == UInt8(ascii: "\\") { i += 1 } else if d == quote { break }
        }
    }

    private mutating func lexInside(_ c: UInt8, parenDepth: inout Int) throws(ParseFailure) {
        let s = i
        switch c {
        case UInt8(ascii: "|"): i += 1; emit(.pipe, s, i)
        case UInt8(ascii: "("): i += 1; parenDepth += 1; emit(.leftParen, s, i)
        case UInt8(ascii: ")"):
            i += 1; parenDepth -= 1
            if parenDepth < 0 { throw ParseFailure(line: line, message: "unexpected right paren") }
            emit(.rightParen, s, i)
        case UInt8(ascii: ","): i += 1; emit(.comma, s, i)
        case UInt8(ascii: "="): i += 1; emit(.assign, s, i)
        case UInt8(ascii: ":"):
            guard at(i + 1) == UInt8(ascii: "=") else { throw ParseFailure(line: line, message: "expected :=") }
            i += 2; emit(.declare, s, i)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let isString = c == UInt8(ascii: "\"")
            try skipQuoted(c, unterminated: isString ? "unterminated quoted string" : "unterminated character constant")
            emit(isString ? .string : .char, s, i)
        case UInt8(ascii: "`"):
            i += 1
            while at(i) != UInt8(ascii: "`") {
                guard at(i) != nil else { throw ParseFailure(line: line, message: "unterminated raw quoted string") }
                i += 1
            }
            i += 1; emit(.rawString, s, i)
        case UInt8(ascii: "$"):
            i += 1
            while let d = at(i), Lexer.isAlnum(d) { i += 1 }
            emit(.variable, s, i)
        case UInt8(ascii: "."):
            if let d = at(i + 1), d >= 48 && d <= 57 { try lexNumber(); return }
            i += 1
            guard let d = at(i), Lexer.isAlnum(d) else { emit(.dot, s, i); return }
            while let d = at(i), Lexer.isAlnum(d) { i += 1 }
            emit(.field, s, i)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try lexNumber()
        default:
            guard Lexer.isAlnum(c) else {
                if c > 32 && c < 127 { i += 1; emit(.otherChar, s, i); return }
                throw ParseFailure(line: line, message: "unrecognized character in action: \(Lexer.goRune(str(s, s + 1)))")
            }
            while let d = at(i), Lexer.isAlnum(d) { i += 1 }
            let word = str(s, i)
            if Lexer.keywords.contains(word) { emit(.keyword(word), s, i) }
            else if word == "true" || word == "false" { emit(.bool, s, i) }
            else if word == "nil" { emit(.null, s, i) }
            else { emit(.identifier, s, i) }
        }
    }

    private mutating func lexNumber() throws(ParseFailure) {
        let s = i
        while let d = at(i), Lexer.isAlnum(d) || d == UInt8(ascii: ".") || d == UInt8(ascii: "+")
            || d == UInt8(ascii: "-") {
            // A sign is only part of a number at its start or after an exponent marker.
            if (d == UInt8(ascii: "+") || d == UInt8(ascii: "-")) && i != s {
                let p = src[i - 1] | 0x20
                let hex = str(s, i).lowercased().contains("0x")
                if !(p == UInt8(ascii: "e") && !hex) && !(p == UInt8(ascii: "p") && hex) { break }
            }
            i += 1
        }
        if i == s + 1 && (src[s] == UInt8(ascii: "+") || src[s] == UInt8(ascii: "-")) {
            throw ParseFailure(line: line, message: "bad number syntax: \"\(str(s, i))\"")
        }
        emit(.number, s, i)
    }
}
