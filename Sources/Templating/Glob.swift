import Foundation

/// Go's `filepath.Glob` and `filepath.Match`: `*`, `?`, `[...]` (ranges, `^`
/// negation) and `\` escapes, matched per path segment; results sorted per
/// directory; a pattern matching nothing yields no paths (not an error).
package enum Glob {
    package struct BadPattern: Error, Sendable, Equatable {}

    static func hasMeta(_ s: String) -> Bool { s.contains { "*?[\\".contains($0) } }

    package static func expand(_ pattern: String) throws(BadPattern) -> [String] {
        _ = try match(pattern, "")  // validates the pattern, like Go
        guard hasMeta(pattern) else {
            return FileManager.default.fileExists(atPath: pattern) ? [pattern] : []
        }
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var current = [absolute ? "/" : "."]
        for (i, part) in parts.enumerated() {
            var next: [String] = []
            let last = i == parts.count - 1
            for dir in current {
                if !hasMeta(part) {
                    let p = join(dir, part, absolute: absolute)
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), last || isDir.boolValue { next.append(p) }
                    continue
                }
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir == "." && !absolute ? "." : dir)
                else { continue }
                for name in names.sorted() where try match(part, name) {
                    let p = join(dir, name, absolute: absolute)
                    var isDir: ObjCBool = false
                    if last || (FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue) {
                        next.append(p)
                    }
                }
            }
            current = next
        }
        return current
    }

    private static func join(_ dir: String, _ name: String, absolute: Bool) -> String {
        if dir == "/" { return "/" + name }
        if dir == "." && !absolute { return name }
        return dir + "/" + name
    }

    /// Go's `filepath.Match` on one name (`*` does not cross `/`).
    package static func match(_ pattern: String, _ name: String) throws(BadPattern) -> Bool {
        let p = Array(pattern.unicodeScalars), n = Array(name.unicodeScalars)
        return try matchFrom(p, 0, n, 0)
    }

    private static func matchFrom(_ p: [Unicode.Scalar], _ pi: Int, _ n: [Unicode.Scalar], _ ni: Int) throws(BadPattern) -> Bool {
        var pi = pi, ni = ni
        while pi < p.count {
            switch p[pi] {
            case "*":
                var k = ni
                while true {
                    if try matchFrom(p, pi + 1, n, k) { return true }
                    if k >= n.count || n[k] == "/" { return false }
                    k += 1
                }
            case "?":
                guard ni < n.count, n[ni] != "/" else { return try validate(p, pi + 1) }
                pi += 1; ni += 1
            case "[":
                let (matched, end) = try classMatch(p, pi, ni < n.count ? n[ni] : nil)
                guard ni < n.count, matched else { return try validate(p, end) }
                pi = end; ni += 1
            case "\\":
                guard pi + 1 < p.count else { throw BadPattern() }
                guard ni < n.count, n[ni] == p[pi + 1] else { return try validate(p, pi + 2) }
                pi += 2; ni += 1
            default:
                guard ni < n.count, n[ni] == p[pi] else { return try validate(p, pi + 1) }
                pi += 1; ni += 1
            }
        }
        return ni == n.count
    }

    /// After a mismatch Go still reports a syntax error in the rest of the pattern.
    private static func validate(_ p: [Unicode.Scalar], _ from: Int) throws(BadPattern) -> Bool {
        var i = from
        while i < p.count {
            if p[i] == "[" { i = try classMatch(p, i, nil).1; continue }
            if p[i] == "\\" { guard i + 1 < p.count else { throw BadPattern() }; i += 2; continue }
            i += 1
        }
        return false
    }

    /// Matches a `[...]` class at p[start]; returns (matched, index after `]`).
    private static func classMatch(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar?) throws(BadPattern) -> (Bool, Int) {
        var i = start + 1
        var negate = false
        if i < p.count && p[i] == "^" { negate = true; i += 1 }
        var matched = false
        var first = true
        while true {
            guard i < p.count else { throw BadPattern() }
            if p[i] == "]" && !first { i += 1; break }
            first = false
            func char() throws(BadPattern) -> Unicode.Scalar {
                guard i < p.count, p[i] != "]" || false else { throw BadPattern() }
                if p[i] == "\\" { i += 1; guard i < p.count else { throw BadPattern() } }
                let ch = p[i]; i += 1; return ch
            }
            if p[i] == "-" { throw BadPattern() }
            let lo = try char()
            var hi = lo
            if i < p.count && p[i] == "-" { i += 1; hi = try char() }
            if let c = c, lo.value <= c.value && c.value <= hi.value { matched = true }
        }
        return (c != nil && matched != negate, i)
    }
}
