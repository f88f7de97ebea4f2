import Yams

/// yaml.v2's defence against alias bombs ("billion laughs"), which Alertmanager 0.25 gets
/// from its YAML library: while decoding, it counts the nodes it visits and those reached
/// through an alias, and fails with "document contains excessive aliasing" once more than
/// 100 alias nodes make up too large a share (99% for documents up to 400,000 nodes, falling
/// to 10% at 4,000,000).
///
/// Yams composes an alias as the anchored node itself (shared, so composing is cheap), but
/// everything that walks the tree afterwards pays for every expansion: a 650-byte document
/// cost minutes and gigabytes. This walk runs first and stops as soon as yaml.v2 would, so
/// its cost is bounded by the ratio, not by the expansion. An alias expansion shows up as a
/// node whose source position (`mark`) was already visited.
enum YAMLAliasLimit {
    static func check(_ root: Node) throws(ConfigError) {
        var seen = Set<Int>()
        var stack: [(node: Node, inAlias: Bool)] = [(root, false)]
        var decoded = 0, aliased = 0
        while let (node, parentInAlias) = stack.popLast() {
            var inAlias = parentInAlias
            if !inAlias, let m = node.mark, !seen.insert(m.line << 24 | m.column).inserted { inAlias = true }
            decoded += 1
            if inAlias { aliased += 1 }
            if aliased > 100, decoded > 1000, Double(aliased) / Double(decoded) > allowedRatio(decoded) {
                throw ConfigError("yaml: document contains excessive aliasing")
            }
            switch node {
            case .mapping(let m):
                for pair in m.reversed() {
                    stack.append((pair.value, inAlias))
                    stack.append((pair.key, inAlias))
                }
            case .sequence(let s):
                for child in s.reversed() { stack.append((child, inAlias)) }
            case .scalar, .alias:
                break
            }
        }
    }

    /// yaml.v2's `allowedAliasRatio`.
    static func allowedRatio(_ decoded: Int) -> Double {
        let low = 400_000.0, high = 4_000_000.0
        let n = Double(decoded)
        if n <= low { return 0.99 }
        if n >= high { return 0.10 }
        return 0.99 - 0.89 * (n - low) / (high - low)
    }
}
