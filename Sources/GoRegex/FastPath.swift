/// Shortcuts for `matches` on the pattern shapes Alertmanager matchers use most, found at
/// compile time from the parse tree. Each answers exactly what the Pike VM would.
enum FastPath: Sendable {
    /// `^(?:lit)$`: equality.
    case exact([UInt8])
    /// `^(?:a|b|c)$` with literal alternatives: set membership.
    case oneOf(Set<[UInt8]>)
    /// `^(?:lit.*)$`: prefix, and no newline after it unless `(?s)`.
    case prefixDotStar([UInt8], dotNL: Bool)
    /// `^(?:.*lit)$`: suffix, and no newline before it unless `(?s)`.
    case dotStarSuffix([UInt8], dotNL: Bool)
    /// `^(?:.*)$`.
    case dotStar(dotNL: Bool)
    /// Unanchored case-sensitive literal: substring search.
    case contains([UInt8])

    /// Detects a fast path for the whole pattern tree, if it has one of the shapes above.
    static func detect(_ root: Node) -> FastPath? {
        let items = flatten(root)
        if let lit = literalBytes(items) { return .contains(lit) }
        guard items.count >= 2, case .beginText = items[0], case .endText = items[items.count - 1] else {
            return nil
        }
        let body = Array(items[1..<(items.count - 1)])
        if let lit = literalBytes(body) { return .exact(lit) }
        if body.count == 1, let set = literalSet(body[0]) { return .oneOf(set) }
        if let last = body.last, let dotNL = dotStar(last) {
            if body.count == 1 { return .dotStar(dotNL: dotNL) }
            if let lit = literalBytes(Array(body.dropLast())) { return .prefixDotStar(lit, dotNL: dotNL) }
        }
        if let first = body.first, let dotNL = dotStar(first), let lit = literalBytes(Array(body.dropFirst())) {
            return .dotStarSuffix(lit, dotNL: dotNL)
        }
        return nil
    }

    func matches(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .exact(let lit): return s.elementsEqual(lit)
        case .oneOf(let set): return set.contains(Array(s))
        case .prefixDotStar(let lit, let dotNL):
            guard s.count >= lit.count, s.prefix(lit.count).elementsEqual(lit) else { return false }
            return dotNL || !s[lit.count...].contains(10)
        case .dotStarSuffix(let lit, let dotNL):
            guard s.count >= lit.count, s.suffix(lit.count).elementsEqual(lit) else { return false }
            return dotNL || !s[..<(s.count - lit.count)].contains(10)
        case .dotStar(let dotNL): return dotNL || !s.contains(10)
        case .contains(let lit): return FastPath.find(lit, in: s)
        }
    }

    static func find(_ lit: [UInt8], in s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = lit.first else { return true }
        guard s.count >= lit.count else { return false }
        var i = 0
        let last = s.count - lit.count
        while i <= last {
            if s[i] == first {
                var k = 1
                while k < lit.count && s[i + k] == lit[k] { k += 1 }
                if k == lit.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Concatenations flattened; captures are transparent because `matches` ignores groups.
    private static func flatten(_ n: Node) -> [Node] {
        switch n {
        case .concat(let subs): return subs.flatMap(flatten)
        case .capture(_, _, let sub): return flatten(sub)
        case .emptyMatch: return []
        default: return [n]
        }
    }

    private static func literalBytes(_ items: [Node]) -> [UInt8]? {
        var v = String.UnicodeScalarView()
        for item in items {
            guard case .literal(let r, let fold) = item, !fold, let sc = Unicode.Scalar(r) else { return nil }
            v.append(sc)
        }
        return Array(String(v).utf8)
    }

    private static func literalSet(_ n: Node) -> Set<[UInt8]>? {
        switch n {
        case .alternate(let alts):
            var set = Set<[UInt8]>()
            for a in alts {
                guard let sub = literalSet(a) else { return nil }
                set.formUnion(sub)
            }
            return set
        case .capture(_, _, let sub): return literalSet(sub)
        default:
            return literalBytes(flatten(n)).map { [$0] }
        }
    }

    /// `.*` or `.*?` (dot-all under `(?s)`): returns whether it also matches newlines.
    private static func dotStar(_ n: Node) -> Bool? {
        guard case .star(let sub, _) = n else { return nil }
        switch sub {
        case .anyCharNotNL: return false
        case .anyChar: return true
        default: return nil
        }
    }
}
