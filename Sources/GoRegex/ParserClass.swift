/// Bracket classes `[...]`, `[^...]`, POSIX `[:name:]` items, Perl `\d \s \w` and Unicode
/// `\pX \p{Name} \PX \P{^Name}` classes, with `(?i)` folding applied per item as Go does.
extension Parser {
    mutating func parseClass() throws(RE2Error) {
        let wholeClass = i
        var j = i + 1
        var negated = false
        if at(j) == "^" { negated = true; j += 1 }
        var cls: [UInt32] = []
        var first = true
        while first || at(j) != "]" {
            first = false
            if at(j) == "[", at(j + 1) == ":", let (g, next) = try parseNamedClass(j) {
                cls += g; j = next; continue
            }
            if let (g, next) = try parseUnicodeClass(j) { cls += g; j = next; continue }
            if let (g, next) = parsePerlClass(j) { cls += g; j = next; continue }
            let rangeStart = j
            let (lo, afterLo) = try parseClassChar(j, wholeClass)
            var hi = lo
            j = afterLo
            if at(j) == "-", let next = at(j + 1), next != "]" {
                let (h, afterHi) = try parseClassChar(j + 1, wholeClass)
                j = afterHi
                if h < lo { throw RE2Error(.invalidCharRange, text(rangeStart, j)) }
                hi = h
            }
            if flags.contains(.foldCase) {
                var folded: [UInt32] = [lo, hi]
                CaseFolding.appendOrbits(lo: lo, hi: hi, into: &folded)
                cls += folded
            } else {
                cls += [lo, hi]
            }
        }
        j += 1  // the closing ]
        let clean = CharClass.normalize(cls)
        push(.charClass(negated ? CharClass.negate(clean) : clean))
        i = j
    }

    func parseClassChar(_ k: Int, _ wholeClass: Int) throws(RE2Error) -> (UInt32, Int) {
        guard let c = at(k) else { throw RE2Error(.missingBracket, text(wholeClass, s.count)) }
        if c == "\\" { return try parseEscape(k) }
        return (c.value, k + 1)
    }

    /// `[:alpha:]` at `k`; nil when there is no closing `:]` (then `[` is a literal).
    func parseNamedClass(_ k: Int) throws(RE2Error) -> ([UInt32], Int)? {
        var j = k + 2
        while j + 1 < s.count {
            if s[j] == ":" && s[j + 1] == "]" { break }
            j += 1
        }
        guard j + 1 < s.count else { return nil }
        let name = text(k, j + 2)
        guard let g = NamedClasses.posix(name) else { throw RE2Error(.invalidCharRange, name) }
        return (applyGroup(g.ranges, negated: g.negated), j + 2)
    }

    /// `\d \D \s \S \w \W` at `k`.
    func parsePerlClass(_ k: Int) -> ([UInt32], Int)? {
        guard at(k) == "\\", let c = at(k + 1), let g = NamedClasses.perl(Character(c)) else { return nil }
        return (applyGroup(g.ranges, negated: g.negated), k + 2)
    }

    /// Go's `parseUnicodeClass`: `\pL`, `\p{Greek}`, `\PL`, `\p{^Greek}` at `k`.
    func parseUnicodeClass(_ k: Int) throws(RE2Error) -> ([UInt32], Int)? {
        guard at(k) == "\\", let p = at(k + 1), p == "p" || p == "P" else { return nil }
        var negated = p == "P"
        let seqEnd: Int
        var name: String
        if let c = at(k + 2), c != "{" {
            seqEnd = k + 3
            name = String(Character(c))
        } else if at(k + 2) == "{" {
            guard let close = s[k...].firstIndex(of: "}") else {
                throw RE2Error(.invalidCharRange, text(k, s.count))
            }
            seqEnd = close + 1
            name = text(k + 3, close)
        } else {
            throw RE2Error(.invalidCharRange, text(k, k + 2))
        }
        if name.hasPrefix("^") { negated.toggle(); name.removeFirst() }
        guard let table = UnicodeTables.table(name) else {
            throw RE2Error(.invalidCharRange, text(k, seqEnd))
        }
        var cls = flags.contains(.foldCase) ? CharClass.folded(table) : table
        if negated { cls = CharClass.negate(cls) }
        return (cls, seqEnd)
    }

    /// Go's `appendGroup`: fold under `(?i)` first, then complement a negated group.
    func applyGroup(_ ranges: [UInt32], negated: Bool) -> [UInt32] {
        let base = flags.contains(.foldCase) ? CharClass.folded(ranges) : ranges
        return negated ? CharClass.negate(base) : base
    }
}
