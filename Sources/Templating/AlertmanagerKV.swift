/// Alertmanager's `template.KV` (a `map[string]string` with methods): missing keys
/// read as "", ranged in sorted key order, and `.SortedPairs`, `.Names`, `.Values`,
/// `.Remove`, `.String` as in template/template.go.
package struct TemplateKV: TemplateObject, Equatable {
    package var values: [String: String]

    package init(_ values: [String: String] = [:]) { self.values = values }

    package var typeName: String { "template.KV" }

    /// Pairs with `alertname` first and the other keys sorted ascending (KV.SortedPairs).
    package var sortedPairs: [TemplatePair] {
        let keys = values.keys.filter { $0 != "alertname" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let ordered = (values["alertname"] != nil ? ["alertname"] : []) + keys
        return ordered.map { TemplatePair(name: $0, value: values[$0] ?? "") }
    }

    /// A copy without the given keys (KV.Remove).
    package func removing(_ keys: [String]) -> TemplateKV {
        let drop = Set(keys)
        return TemplateKV(values.filter { !drop.contains($0.key) })
    }

    package func field(_ name: String) -> TemplateValue? { nil }

    package func method(_ name: String, args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue? {
        switch name {
        case "SortedPairs", "Names", "Values", "String":
            guard args.isEmpty else {
                throw TemplateRuntimeError("wrong number of args for \(name): want 0 got \(args.count)")
            }
            let pairs = TemplatePairs(sortedPairs)
            if name == "SortedPairs" { return .object(pairs) }
            return try pairs.method(name, args: [])
        case "Remove":
            guard args.count == 1 else {
                throw TemplateRuntimeError("wrong number of args for Remove: want 1 got \(args.count)")
            }
            guard let keys = args[0].conformed(to: .stringList) else {
                throw TemplateRuntimeError("wrong type for value; expected []string; got \(GoFormat.typeName(args[0]))")
            }
            return .object(removing(keys.stringList))
        default: return nil
        }
    }

    package var underlying: TemplateValue? { .map(TemplateMap(strings: values, typeName: typeName)) }
}

/// Alertmanager's `template.Pair` (`.Name`, `.Value`).
package struct TemplatePair: TemplateObject, Equatable {
    package var name: String
    package var value: String
    package init(name: String, value: String) { self.name = name; self.value = value }
    package var typeName: String { "template.Pair" }
    package func field(_ n: String) -> TemplateValue? {
        n == "Name" ? .string(name) : n == "Value" ? .string(value) : nil
    }
    package var formatted: String { "{\(name) \(value)}" }
    package var jsonFields: [(String, TemplateValue)] { [("Name", .string(name)), ("Value", .string(value))] }
}

/// Alertmanager's `template.Pairs` with `.Names`, `.Values` and `.String`.
package struct TemplatePairs: TemplateObject {
    package var pairs: [TemplatePair]
    package init(_ pairs: [TemplatePair]) { self.pairs = pairs }
    package var typeName: String { "template.Pairs" }
    package func field(_ name: String) -> TemplateValue? { nil }
    package func method(_ name: String, args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue? {
        switch name {
        case "Names": return .strings(pairs.map(\.name))
        case "Values": return .strings(pairs.map(\.value))
        // Pairs.String (Alertmanager 0.26+): "name=value, name=value".
        case "String": return .string(pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        default: return nil
        }
    }
    package var underlying: TemplateValue? { .list(pairs.map { .object($0) }) }
}
