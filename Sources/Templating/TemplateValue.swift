import GoCompat

/// A dynamically typed value as Go's `text/template` sees it through reflection.
///
/// Templates are executed against data that in Alertmanager is a Go struct tree
/// (`*template.Data`); here the same shapes are modelled as this enum. Struct-like data
/// with fields and methods (Data, Alert, KV, ...) is an `.object`.
package indirect enum TemplateValue: Sendable {
    /// Go's untyped nil / an absent value; printed by an action as `<no value>`,
    /// by `print`/`printf` as `<nil>` (the same split Go makes between an invalid
    /// reflect.Value at the end of a pipeline and a nil interface argument).
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([TemplateValue])
    case map(TemplateMap)
    case time(GoTime)
    /// A Go `time.Duration` in nanoseconds (what `since` returns).
    case duration(Int64)
    /// An `html/template.HTML` string (`safeHtml`): never escaped in HTML mode.
    case html(String)
    case object(any TemplateObject)
}

/// A string-keyed map. Ranged and printed in sorted key order, like Go.
/// `zero` is the element type's zero value, returned for a missing key under
/// `missingkey=zero`: `.null` models `map[string]interface{}`, `.string("")`
/// models `map[string]string` (Alertmanager's KV).
package struct TemplateMap: Sendable {
    package var entries: [String: TemplateValue]
    package var zero: TemplateValue
    /// The Go type name used in error messages and `%T`-like texts.
    package var typeName: String

    package init(_ entries: [String: TemplateValue], zero: TemplateValue = .null,
                typeName: String = "map[string]interface {}") {
        self.entries = entries
        self.zero = zero
        self.typeName = typeName
    }

    /// A `map[string]string`.
    package init(strings: [String: String], typeName: String = "map[string]string") {
        self.init(strings.mapValues { .string($0) }, zero: .string(""), typeName: typeName)
    }

    package var sortedKeys: [String] { entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
}

/// Struct-like data exposing fields and methods to templates, the way Go's
/// reflection exposes exported fields and methods of Alertmanager's types.
package protocol TemplateObject: Sendable {
    /// Go type name for messages, e.g. `*template.Data`.
    var typeName: String { get }
    /// An exported field, or nil if there is none with this name.
    func field(_ name: String) -> TemplateValue?
    /// Calls a method; nil if there is no such method. Throws for bad arguments.
    func method(_ name: String, args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue?
    /// For named slice/map types (Alerts, KV, Pairs): the value `range`, `len`,
    /// `index`, truthiness, comparison and printing use. Nil for structs.
    var underlying: TemplateValue? { get }
    /// fmt's `%v` text (structs print as `{f1 f2 ...}`); ignored when `underlying` is set.
    var formatted: String { get }
    /// Struct fields in declaration order with their JSON names, for `toJson`
    /// (ignored when `underlying` is set).
    var jsonFields: [(String, TemplateValue)] { get }
}

extension TemplateObject {
    package func method(_ name: String, args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue? { nil }
    package var underlying: TemplateValue? { nil }
    package var formatted: String { underlying.map { GoFormat.formatV($0) } ?? "{}" }
    package var jsonFields: [(String, TemplateValue)] { [] }
}

/// An execution-time failure produced by a function or method (wrapped by the
/// executor into Go's `template: name:line:col: executing ...` text).
package struct TemplateRuntimeError: Error, Sendable, Equatable {
    package let message: String
    package init(_ message: String) { self.message = message }
}

extension TemplateValue {
    /// Resolves named slice/map objects to their underlying list/map.
    var resolved: TemplateValue {
        if case .object(let o) = self, let u = o.underlying { return u.resolved }
        return self
    }

    /// Go's truth rule (`text/template.IsTrue`): false, 0, nil, and empty
    /// strings/lists/maps are false; structs and times are true.
    package var isTrue: Bool {
        switch resolved {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s), .html(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.entries.isEmpty
        case .duration(let d): return d != 0
        case .time, .object: return true
        }
    }

    /// The Go type name, as used in error messages.
    package var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float64"
        case .string: return "string"
        case .html: return "template.HTML"
        case .list: return "[]interface {}"
        case .map(let m): return m.typeName
        case .time: return "time.Time"
        case .duration: return "time.Duration"
        case .object(let o): return o.typeName
        }
    }

    /// Convenience: a list of strings (Go `[]string`).
    package static func strings(_ s: [String]) -> TemplateValue { .list(s.map { .string($0) }) }
}
