import GoCompat

/// A JSON syntax or type error, worded like Go's `encoding/json` errors (which
/// go-openapi puts after "parsing alerts body from \"\" failed, because ").
package struct JSONError: Error, Equatable {
    package var message: String
}

/// A forward-only reader over JSON bytes: just what the postable-alert decoder needs,
/// without building an intermediate tree. Valid only inside the buffer's lifetime.
struct JSONScanner {
    let u: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []

    init(_ u: UnsafeBufferPointer<UInt8>) { self.u = u }

    var atEnd: Bool { i >= u.count }

    @inline(__always) mutating func skipSpace() {
        while i < u.count {
            let c = u[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
        }
    }

    /// The next non-space byte without consuming it; throws Go's EOF error at the end.
    mutating func peek() throws(JSONError) -> UInt8 {
        skipSpace()
        guard i < u.count else { throw JSONError(message: "unexpected EOF") }
        return u[i]
    }

    static func invalid(_ c: UInt8, _ context: String) -> JSONError {
        JSONError(message: "invalid character \(quoteChar(c)) \(context)")
    }

    /// Go's `quoteChar`: `'x'`, `'\''`, `'"'`, or an escaped form for control bytes.
    static func quoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case 0x0A: return "'\\n'"
        case 0x0D: return "'\\r'"
        case 0x09: return "'\\t'"
        case 0x20..<0x7F: return "'" + String(UnicodeScalar(c)) + "'"
        default:
            let h = String(c, radix: 16)
            return c < 0x80 ? "'\\x" + (h.count < 2 ? "0" + h : h) + "'" : "'\\u00" + h + "'"
        }
    }

    /// The kind name Go uses in "cannot unmarshal <kind>" for the value starting with `c`.
    static func kind(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "{"): return "object"
        case UInt8(ascii: "["): return "array"
        case UInt8(ascii: "\""): return "string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "bool"
        default: return "number"
        }
    }

    /// Consumes `null` if it is next; returns whether it did.
    mutating func consumeNull() throws(JSONError) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func literal(_ word: StaticString) throws(JSONError) {
        let p = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount {
            guard i < u.count else { throw JSONError(message: "unexpected EOF") }
            if u[i] != p[k] { throw Self.invalid(u[i], "in literal \(word) (expecting \(Self.quoteChar(p[k])))") }
            i += 1
        }
    }

    /// Reads a string; the scanner must be at its opening quote. Invalid UTF-8 becomes U+FFFD,
    /// as Go's decoder does.
    mutating func string() throws(JSONError) -> String {
        i += 1
        let start = i
        while i < u.count {
            i = skipPlainWords(from: i, asciiOnly: false)
            guard i < u.count else { break }
            let c = u[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw Self.invalid(c, "in string literal") }
            i += 1
        }
        throw JSONError(message: "unexpected EOF")
    }

    /// The first position from `k`, eight bytes a step, of a word holding a byte that ends a
    /// plain run inside a string (`"`, `\\`, a control byte, or with `asciiOnly` a non-ASCII
    /// byte); the byte loops go on from there. Label values are long plain runs.
    @inline(__always) private func skipPlainWords(from k: Int, asciiOnly: Bool) -> Int {
        var k = k
        while k + 8 <= u.count {
            let w = WordScan.load(u.baseAddress! + k)
            if (asciiOnly && WordScan.hasNonASCII(w)) || WordScan.hasByte(0x22, w) || WordScan.hasByte(0x5C, w)
                || WordScan.hasByte(below: 0x20, w) { break }
            k += 8
        }
        return k
    }

    /// Reads a string like `string()` but appends its UTF-8 bytes to `out` instead of making
    /// a `String` (the label hot path). Plain ASCII is copied as is; anything else goes
    /// through `string()` so escapes and invalid UTF-8 are handled the same way.
    mutating func string(appendingTo out: inout [UInt8]) throws(JSONError) {
        let start = i + 1
        var k = start
        while k < u.count {
            k = skipPlainWords(from: k, asciiOnly: true)
            guard k < u.count else { break }
            let c = u[k]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<k]))
                i = k + 1
                return
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            k += 1
        }
        out.append(contentsOf: try string().utf8)
    }

    private mutating func escapedString(from start: Int) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
        while i < u.count {
            let c = u[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if c < 0x20 { throw Self.invalid(c, "in string literal") }
            if c != UInt8(ascii: "\\") {
                scratch.append(c)
                i += 1
                continue
            }
            guard i + 1 < u.count else { throw JSONError(message: "unexpected EOF") }
            let e = u[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): try unicodeEscape()
            default: throw Self.invalid(e, "in string escape code")
            }
        }
        throw JSONError(message: "unexpected EOF")
    }

    private mutating func hex4() throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < u.count else { throw JSONError(message: "unexpected EOF") }
            let c = u[i]
            let d: UInt8
            switch c {
            case 48...57: d = c - 48
            case 97...102: d = c - 87
            case 65...70: d = c - 55
            default: throw Self.invalid(c, "in \\u hexadecimal character escape")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// `\uXXXX`, joining surrogate pairs; a lone surrogate becomes U+FFFD as in Go.
    private mutating func unicodeEscape() throws(JSONError) {
        var v = try hex4()
        if (0xD800..<0xDC00).contains(v), i + 1 < u.count, u[i] == UInt8(ascii: "\\"), u[i + 1] == UInt8(ascii: "u") {
            let save = i
            i += 2
            let lo = try hex4()
            if (0xDC00..<0xE000).contains(lo) {
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
            } else {
                i = save
                v = 0xFFFD
            }
        } else if (0xD800..<0xE000).contains(v) {
            v = 0xFFFD
        }
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Go's `encoding/json` nesting limit (`maxNestingDepth`): opening the 10001st array or
    /// object is a syntax error, "invalid character '[' exceeded max depth".
    static let maxDepth = 10_000

    /// Skips any JSON value (for unknown fields). Iterative, with an explicit stack bounded
    /// by `maxDepth`, so a body of 10,000 `[` costs a small array, not 10,000 stack frames
    /// (recursion here crashed the server). `depth` is how many containers are already open
    /// around the value, so the limit counts from the top of the body as Go's does.
    mutating func skipValue(depth: Int = 0) throws(JSONError) {
        let objectOpen = UInt8(ascii: "{"), arrayOpen = UInt8(ascii: "[")
        var open: [UInt8] = []
        while true {
            // A value.
            let c = try peek()
            switch c {
            case UInt8(ascii: "\""): _ = try string()
            case objectOpen, arrayOpen:
                if depth + open.count >= Self.maxDepth { throw Self.invalid(c, "exceeded max depth") }
                i += 1
                if try peek() == (c == objectOpen ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                } else {
                    open.append(c)
                    if c == objectOpen { try objectKey() }
                    continue
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), 48...57:
                i += 1
                while i < u.count, (48...57).contains(u[i]) || [0x2E, 0x65, 0x45, 0x2B, 0x2D].contains(u[i]) { i += 1 }
            default:
                throw Self.invalid(c, "looking for beginning of value")
            }
            // After a value: close finished containers, or move on to the next element.
            while let top = open.last {
                let n = try peek()
                i += 1
                if n == (top == objectOpen ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    open.removeLast()
                    continue
                }
                if n != UInt8(ascii: ",") {
                    throw Self.invalid(n, top == objectOpen ? "after object key:value pair" : "after array element")
                }
                if top == objectOpen { try objectKey() }
                break
            }
            if open.isEmpty { return }
        }
    }

    /// An object key and its colon.
    private mutating func objectKey() throws(JSONError) {
        guard try peek() == UInt8(ascii: "\"") else {
            throw Self.invalid(u[i], "looking for beginning of object key string")
        }
        _ = try string()
        guard try peek() == UInt8(ascii: ":") else { throw Self.invalid(u[i], "after object key") }
        i += 1
    }
}
