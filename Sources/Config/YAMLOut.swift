import Yams

/// Builds a YAML mapping in a fixed field order, with yaml.v2's `omitempty` rules, for
/// `Config.marshalledYAML`.
struct YAMLOut {
    private(set) var pairs: [(Node, Node)] = []

    var node: Node { Node(pairs) }
    var isEmpty: Bool { pairs.isEmpty }

    mutating func str(_ key: String, _ v: String?, omitEmpty: Bool = true) {
        guard let v else { if !omitEmpty { add(key, YAMLOut.null) }; return }
        if omitEmpty && v.isEmpty { return }
        add(key, YAMLOut.scalar(v))
    }

    mutating func secret(_ key: String, _ v: Secret?) {
        guard let v, !v.isEmpty else { return }
        add(key, YAMLOut.scalar(Secret.marker))
    }

    mutating func bool(_ key: String, _ v: Bool, omitEmpty: Bool = false) {
        if omitEmpty && !v { return }
        add(key, Node(v ? "true" : "false"))
    }

    mutating func int(_ key: String, _ v: Int64, omitEmpty: Bool = false) {
        if omitEmpty && v == 0 { return }
        add(key, Node(String(v)))
    }

    mutating func strings(_ key: String, _ v: [String]?, omitEmpty: Bool = true, flow: Bool = false) {
        guard let v else { if !omitEmpty { add(key, Node([Node]())) }; return }
        if omitEmpty && v.isEmpty { return }
        add(key, Node(v.map(YAMLOut.scalar), .implicit, flow ? .flow : .block))
    }

    /// A Go map: keys sorted, as yaml.v2 marshals maps.
    mutating func map(_ key: String, _ v: [String: String]?) {
        guard let v, !v.isEmpty else { return }
        add(key, Node(v.keys.sorted().map { (YAMLOut.scalar($0), YAMLOut.scalar(v[$0] ?? "")) }))
    }

    mutating func add(_ key: String, _ value: Node?) {
        guard let value else { return }
        pairs.append((Node(key), value))
    }

    static var null: Node { Node("null") }

    /// A string scalar, double-quoted when a plain scalar would read back as another type.
    static func scalar(_ s: String) -> Node {
        if s.isEmpty || Node(s).goTag != "!!str" || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return Node(s, .implicit, .doubleQuoted)
        }
        return Node(s)
    }
}
