/// Backslash escapes and `(?...)` groups: Go's `parseEscape`, the Perl-only escapes
/// (`\A \z \b \B \Q...\E`, `\C` rejected) and `parsePerlFlags`.
extension Parser {
    /// Handles a `\` outside a class at `i`.
    mutating func parseBackslash() throws(RE2Error) {
        if let c = at(i + 1) {
            switch c {
            case "A": push(.beginText); i += 2; return
            case "z": push(.endText); i += 2; return
            case "b": push(.wordBoundary); i += 2; return
            case "B": push(.noWordBoundary); i += 2; return
            case "C": throw RE2Error(.invalidEscape, text(i, i + 2))
            case "Q":
                var j = i + 2
                while j < s.count {
                    if s[j] == "\\" && at(j + 1) == "E" { break }
                    literal(s[j].value)
                    j += 1
                }
                i = j < s.count ? j + 2 : j
                return
            default: break
            }
        }
        if let (cls, next) = try parseUnicodeClass(i) {
            push(.charClass(cls)); i = next; return
        }
        if let (cls, next) = parsePerlClass(i) {
            push(.charClass(cls)); i = next; return
        }
        let (r, next) = try parseEscape(i)
        literal(r)
        i = next
    }

    /// Go's `parseEscape` at `k` (which holds `\`): returns the scalar and the next index.
    func parseEscape(_ k: Int) throws(RE2Error) -> (UInt32, Int) {
        guard let c = at(k + 1) else { throw RE2Error(.trailingBackslash, "") }
        var j = k + 2
        func fail() -> RE2Error { RE2Error(.invalidEscape, text(k, j)) }
        switch c {
        case "1"..."7":
            // A lone non-zero digit would be a backreference, which RE2 does not support.
            guard let d = at(j), d >= "0", d <= "7" else { throw fail() }
            fallthrough
        case "0":
            var r = c.value - 48
            for _ in 1..<3 {
                guard let d = at(j), d >= "0", d <= "7" else { break }
                r = r * 8 + d.value - 48
                j += 1
            }
            return (r, j)
        case "x":
            guard let c1 = at(j) else { throw fail() }
            j += 1
            if c1 == "{" {
                var nhex = 0
                var r: UInt32 = 0
                while true {
                    guard let d = at(j) else { throw fail() }
                    j += 1
                    if d == "}" { break }
                    guard let v = hexValue(d) else { throw fail() }
                    r = r * 16 + v
                    if r > CharClass.maxRune { throw fail() }
                    nhex += 1
                }
                if nhex == 0 { throw fail() }
                return (r, j)
            }
            let c2 = at(j)
            if c2 != nil { j += 1 }
            guard let x = hexValue(c1), let c2, let y = hexValue(c2) else { throw fail() }
            return (x * 16 + y, j)
        case "a": return (7, j)
        case "f": return (12, j)
        case "n": return (10, j)
        case "r": return (13, j)
        case "t": return (9, j)
        case "v": return (11, j)
        default:
            let isAlnum = c.properties.isASCIIHexDigit || (c.isASCII && c.properties.isAlphabetic)
            if c.isASCII && !isAlnum { return (c.value, j) }
            throw fail()
        }
    }

    func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": c.value - 48
        case "a"..."f": c.value - 87
        case "A"..."F": c.value - 55
        default: nil
        }
    }

    /// `(?` at `i`: named captures, flag groups `(?i)`, `(?i-s:...)`, and the rejections.
    mutating func parsePerlFlags() throws(RE2Error) {
        let start = i
        let rest = s.count - start
        // Go 1.19 (Alertmanager 0.25's toolchain) knows only `(?P<name>`; `(?<name>` arrived in
        // Go 1.22, so `(?<` (and lookbehind) fails as an unknown flag below: "`(?<`".
        if rest > 4 && s[start + 2] == "P" && s[start + 3] == "<" {
            let nameStart = start + 4
            guard let end = s[start...].firstIndex(of: ">") else {
                throw RE2Error(.invalidNamedCapture, text(start, s.count))
            }
            let name = text(nameStart, end)
            let valid = !name.isEmpty && name.unicodeScalars.allSatisfy {
                $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
            }
            guard valid else { throw RE2Error(.invalidNamedCapture, text(start, end + 1)) }
            numCap += 1
            names.append(name)
            try openParen(cap: numCap, name: name)
            i = end + 1
            return
        }
        var j = start + 2
        var fl = flags
        var negated = false
        var sawFlag = false
        while let c = at(j) {
            j += 1
            switch c {
            case "i": set(&fl, .foldCase, !negated); sawFlag = true
            case "m": set(&fl, .multiLine, !negated); sawFlag = true
            case "s": set(&fl, .dotNL, !negated); sawFlag = true
            case "U": set(&fl, .nonGreedy, !negated); sawFlag = true
            case "-":
                if negated { throw RE2Error(.invalidPerlOp, text(start, j)) }
                negated = true
                sawFlag = false
            case ":", ")":
                if negated && !sawFlag { throw RE2Error(.invalidPerlOp, text(start, j)) }
                if c == ":" { try openParen(cap: 0, name: "") }
                flags = fl
                i = j
                return
            default:
                throw RE2Error(.invalidPerlOp, text(start, j))
            }
        }
        throw RE2Error(.invalidPerlOp, text(start, j))
    }

    private func set(_ fl: inout ParseFlags, _ f: ParseFlags, _ on: Bool) {
        if on { fl.insert(f) } else { fl.remove(f) }
    }
}
