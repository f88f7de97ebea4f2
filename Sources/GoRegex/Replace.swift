/// Go's `Regexp.ReplaceAllString` and its `$` template expansion (`Regexp.expand`).
enum Replace {
    /// Replaces every non-overlapping match; an empty match right after the previous match
    /// is skipped, and the search always advances at least one scalar past an empty match.
    static func replaceAll(_ re: RE2, in src: String, template: String) -> String {
        let ncap = template.contains("$") ? re.program.numCap : 2
        var copy = src
        return copy.withUTF8 { text in
            var out: [UInt8] = []
            out.reserveCapacity(text.count)
            return PikeVM.with(re.program, ncap: ncap) { vm in
            var lastMatchEnd = 0
            var searchPos = 0
            let tmpl = Array(template.utf8)
            while searchPos <= text.count {
                guard vm.run(text, from: searchPos) else { break }
                let m = vm.matchCaps
                out.append(contentsOf: text[lastMatchEnd..<m[0]])
                if m[1] > lastMatchEnd || m[0] == 0 {
                    expand(re, template: tmpl, src: text, match: m, into: &out)
                }
                lastMatchEnd = m[1]
                let width = UTF8Scan.width(text, searchPos)
                if searchPos + width > m[1] {
                    searchPos += width
                } else if searchPos + 1 > m[1] {
                    searchPos += 1
                } else {
                    searchPos = m[1]
                }
            }
            out.append(contentsOf: text[lastMatchEnd...])
            return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Appends `template` with `$1`, `${1}`, `$name`, `${name}` replaced by the groups of
    /// `match` (empty if absent or not participating) and `$$` by `$`; a malformed `$` is literal.
    static func expand(
        _ re: RE2, template: [UInt8], src: UnsafeBufferPointer<UInt8>, match: [Int], into out: inout [UInt8]
    ) {
        var i = 0
        while i < template.count {
            guard let dollar = template[i...].firstIndex(of: 36) else { break }
            out.append(contentsOf: template[i..<dollar])
            i = dollar + 1
            if i < template.count && template[i] == 36 {
                out.append(36); i += 1; continue
            }
            guard let (name, num, rest) = extract(template, i) else {
                out.append(36); continue
            }
            i = rest
            if num >= 0 {
                if 2 * num + 1 < match.count && match[2 * num] >= 0 {
                    out.append(contentsOf: src[match[2 * num]..<match[2 * num + 1]])
                }
            } else {
                for (g, groupName) in re.subexpNames.enumerated()
                where groupName == name && 2 * g + 1 < match.count && match[2 * g] >= 0 {
                    out.append(contentsOf: src[match[2 * g]..<match[2 * g + 1]])
                    break
                }
            }
        }
        if i < template.count { out.append(contentsOf: template[i...]) }
    }

    /// Go's `extract`: a name of letters, digits and `_` (optionally in braces) at `start`;
    /// `num` is its value when all digits without a leading zero, else -1.
    static func extract(_ t: [UInt8], _ start: Int) -> (String, Int, Int)? {
        var i = start
        guard i < t.count else { return nil }
        let brace = t[i] == 123
        if brace { i += 1 }
        let nameStart = i
        while i < t.count {
            let (r, w) = t.withUnsafeBufferPointer { UTF8Scan.decode($0, i) }
            guard let sc = Unicode.Scalar(UInt32(max(r, 0))), isNameScalar(sc) else { break }
            i += w
        }
        if i == nameStart { return nil }
        let name = String(decoding: t[nameStart..<i], as: UTF8.self)
        if brace {
            guard i < t.count, t[i] == 125 else { return nil }
            i += 1
        }
        var num = 0
        for b in name.utf8 {
            if b < 48 || b > 57 || num >= 100_000_000 { num = -1; break }
            num = num * 10 + Int(b - 48)
        }
        if name.utf8.first == 48 && name.utf8.count > 1 { num = -1 }
        return (name, num, i)
    }

    /// Go's `unicode.IsLetter || unicode.IsDigit || '_'`.
    private static func isNameScalar(_ sc: Unicode.Scalar) -> Bool {
        if sc == "_" { return true }
        switch sc.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber:
            return true
        default:
            return false
        }
    }
}
