import Yams

/// Reads one YAML mapping into a Go-style struct with yaml.v2's strict rules: keys that no
/// field claims are reported as `field X not found in type T` when `finish()` is called, and a
/// value of the wrong shape is a type error (`cannot unmarshal !!seq into string`).
final class MapReader {
    let ctx: DecodeContext
    let node: Node
    let typeName: String
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []
    private var used: Set<String> = []
    private let errorsAtStart: Int

    /// `nil` when `node` is not a mapping (after recording the type error) or is null.
    init?(_ node: Node, type typeName: String, ctx: DecodeContext) {
        self.ctx = ctx
        self.node = node
        self.typeName = typeName
        errorsAtStart = ctx.typeErrorCount
        if node.isNull { return nil }
        guard case .mapping(let m) = node else {
            ctx.typeError(node, "cannot unmarshal \(node.goDescription) into \(typeName)")
            return nil
        }
        var seen: [String: Int] = [:]
        var explicit: Set<String> = []
        func set(_ key: String, _ k: Node, _ v: Node) {
            if let i = seen[key] { pairs[i] = (key, k, v) } else {
                seen[key] = pairs.count
                pairs.append((key, k, v))
            }
        }
        for (k, v) in m {
            let key = k.scalar?.string ?? ""
            if Self.isMergeKey(k) {
                for (mk, mv) in Self.merged(v, type: typeName, ctx: ctx) { set(mk.scalar?.string ?? "", mk, mv) }
                continue
            }
            if explicit.contains(key) {
                ctx.typeError(k, "field \(key) already set in type \(typeName)")
                continue
            }
            explicit.insert(key)
            set(key, k, v)
        }
    }

    /// `<<` as a plain key: YAML's merge key (`<<: *defaults`), common in Helm-made configs.
    static func isMergeKey(_ k: Node) -> Bool {
        guard case .scalar(let s) = k, s.string == "<<", s.style == .plain else { return false }
        return true
    }

    /// The pairs a merge key brings in, as yaml.v2 applies them: a mapping's pairs in order
    /// (its own merge keys expanded), or for a sequence of mappings each one from the last to
    /// the first, so that earlier mappings win; keys written after the merge key override it.
    static func merged(_ v: Node, type typeName: String, ctx: DecodeContext, depth: Int = 0) -> [(Node, Node)] {
        guard depth < 32 else { return [] }
        switch v {
        case .mapping(let m):
            var out: [(Node, Node)] = []
            for (k, value) in m {
                if isMergeKey(k) { out += merged(value, type: typeName, ctx: ctx, depth: depth + 1) } else { out.append((k, value)) }
            }
            return out
        case .sequence(let items):
            var out: [(Node, Node)] = []
            for item in items.reversed() {
                guard case .mapping = item else {
                    ctx.fatalError(item, "map merge requires map or sequence of maps as the value")
                    continue
                }
                out += merged(item, type: typeName, ctx: ctx, depth: depth + 1)
            }
            return out
        default:
            ctx.fatalError(v, "map merge requires map or sequence of maps as the value")
            return []
        }
    }

    /// The line of this mapping (its first key), for errors that concern the whole struct.
    var line: Int? { node.mark?.line }

    /// True when no type error was recorded while reading this struct: Go runs a struct's
    /// own validation only if its plain decode succeeded.
    var clean: Bool { ctx.typeErrorCount == errorsAtStart }

    /// The value node of `key`, marking the key as known; nil when absent or null.
    func value(_ key: String) -> Node? {
        used.insert(key)
        guard let p = pairs.first(where: { $0.key == key }), !p.value.isNull else { return nil }
        return p.value
    }

    /// True when the key is present (even with a null value).
    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    func lineOf(_ key: String) -> Int? { pairs.first { $0.key == key }?.keyNode.mark?.line ?? line }

    /// Records `field X not found` for every key that no accessor asked for.
    func finish() {
        for p in pairs where !used.contains(p.key) {
            ctx.typeError(p.keyNode, "field \(p.key) not found in type \(typeName)")
        }
    }

    // MARK: scalars

    /// A `*_file` setting and the secret in the file it names: the path as written (made
    /// absolute against the config's directory when `resolved`), and the content, nil when
    /// unset or unreadable (a warning, as `DecodeContext.readFile` explains).
    func secretFile(_ key: String, resolved: Bool = false) -> (path: String, content: Secret?) {
        let written = string(key) ?? ""
        let path = resolved ? ctx.resolve(written) : written
        return (path, ctx.readFile(path, field: key).map { Secret($0) })
    }

    func string(_ key: String) -> String? {
        guard let v = value(key) else { return nil }
        return scalarString(v, into: "string")
    }

    func scalarString(_ v: Node, into target: String) -> String? {
        guard case .scalar(let s) = v else {
            ctx.typeError(v, "cannot unmarshal \(v.goTag) into \(target)")
            return nil
        }
        return s.string
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .scalar(let s) = v, s.style == .plain, let b = YAMLBool.parse(s.string) else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into bool")
            return nil
        }
        return b
    }

    func int64(_ key: String) -> Int64? {
        guard let v = value(key) else { return nil }
        guard case .scalar(let s) = v, let i = Self.parseInt(s.string) else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into int64")
            return nil
        }
        return i
    }

    func uint64(_ key: String) -> UInt64? {
        guard let v = value(key) else { return nil }
        guard case .scalar(let s) = v, let i = Self.parseInt(s.string), i >= 0 else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into uint64")
            return nil
        }
        return UInt64(i)
    }

    static func parseInt(_ s: String) -> Int64? {
        let t = s.replacingOccurrences(of: "_", with: "")
        if let i = Int64(t) { return i }
        if t.hasPrefix("0x"), let i = Int64(t.dropFirst(2), radix: 16) { return i }
        return nil
    }

    func strings(_ key: String) -> [String]? {
        guard let v = value(key) else { return nil }
        guard case .sequence(let seq) = v else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into []string")
            return nil
        }
        return seq.compactMap { $0.isNull ? "" : scalarString($0, into: "string") }
    }

    /// A `map[string]string`; Go maps have no order, so callers sort keys when marshalling.
    func stringMap(_ key: String) -> [String: String]? {
        guard let v = value(key) else { return nil }
        guard case .mapping(let m) = v else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into map[string]string")
            return nil
        }
        var out: [String: String] = [:]
        for (k, val) in m {
            guard let ks = scalarString(k, into: "string") else { continue }
            if out[ks] != nil { ctx.typeError(k, "key \"\(ks)\" already set in map") }
            out[ks] = val.isNull ? "" : (scalarString(val, into: "string") ?? "")
        }
        return out
    }

    /// A `map[string][]string` (`proxy_connect_header`).
    func stringListMap(_ key: String) -> [String: [String]]? {
        guard let v = value(key) else { return nil }
        guard case .mapping(let m) = v else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into map[string][]string")
            return nil
        }
        var out: [String: [String]] = [:]
        for (k, val) in m {
            guard let ks = scalarString(k, into: "string") else { continue }
            if out[ks] != nil { ctx.typeError(k, "key \"\(ks)\" already set in map") }
            if val.isNull { out[ks] = []; continue }
            guard case .sequence(let seq) = val else {
                ctx.typeError(val, "cannot unmarshal \(val.goDescription) into []config.Secret")
                continue
            }
            out[ks] = seq.compactMap { $0.isNull ? "" : scalarString($0, into: "config.Secret") }
        }
        return out
    }

    // MARK: nested

    func map(_ key: String, type: String) -> MapReader? {
        guard let v = value(key) else { return nil }
        return MapReader(v, type: type, ctx: ctx)
    }

    /// The items of a sequence; null items are kept as nil (Go keeps nil pointers).
    func list(_ key: String, of type: String) -> [Node]? {
        guard let v = value(key) else { return nil }
        guard case .sequence(let seq) = v else {
            ctx.typeError(v, "cannot unmarshal \(v.goDescription) into \(type)")
            return nil
        }
        return Array(seq)
    }

    /// Reads a list of structs with `read`, in document order.
    func structs<T>(_ key: String, goType: String, _ read: (Node) throws(ConfigError) -> T?) throws(ConfigError) -> [T]? {
        guard let items = list(key, of: goType) else { return nil }
        var out: [T] = []
        for item in items {
            if let t = try read(item) { out.append(t) }
        }
        return out
    }

    func error(_ message: String, at key: String? = nil) -> ConfigError {
        ConfigError(message, line: key.flatMap { lineOf($0) } ?? line)
    }
}
