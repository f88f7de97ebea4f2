/// The Go parameter type a template function declares; the executor checks
/// arguments against it before the call, producing Go's "wrong type" errors.
package enum ParamKind: Sendable, Equatable {
    case any, string, int, bool, stringList, time

    var goName: String {
        switch self {
        case .any: return "interface {}"
        case .string: return "string"
        case .int: return "int"
        case .bool: return "bool"
        case .stringList: return "[]string"
        case .time: return "time.Time"
        }
    }
}

/// A function callable from templates (Go's `FuncMap` entry).
package struct TemplateFunction: Sendable {
    package let params: [ParamKind]
    /// Type of extra arguments for a variadic function (Go's `...T`), nil if fixed arity.
    package let variadic: ParamKind?
    package let body: @Sendable ([TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue

    package init(_ params: [ParamKind], variadic: ParamKind? = nil,
                _ body: @escaping @Sendable ([TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue) {
        self.params = params
        self.variadic = variadic
        self.body = body
    }
}

/// A failure while parsing or executing a template; `message` is Go's error text,
/// e.g. `template: x:1:2: executing "x" at <.Foo>: ...` or `template: x:1: unexpected EOF`.
package struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable { case parse, execution, file }
    package let kind: Kind
    package let message: String
    package var description: String { message }

    package init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    static func parse(name: String, line: Int, message: String) -> TemplateError {
        TemplateError(kind: .parse, message: "template: \(name):\(line): \(message)")
    }
}

extension TemplateValue {
    /// Checks (and where Go converts, converts) an argument for a parameter kind.
    /// Returns nil when Go's reflection would reject it.
    func conformed(to kind: ParamKind) -> TemplateValue? {
        let v = self
        switch (kind, v) {
        case (.any, _): return v
        case (.string, .string), (.int, .int), (.bool, .bool), (.time, .time): return v
        case (.stringList, .null): return .list([])  // nil converts to a nil []string
        case (.stringList, _):
            guard case .list(let l) = v.resolved, l.allSatisfy({ if case .string = $0 { return true }; return false })
            else { return nil }
            return .list(l)
        default: return nil
        }
    }

    var stringValue: String {
        switch self {
        case .string(let s), .html(let s): return s
        default: return GoFormat.formatV(self)
        }
    }

    var stringList: [String] {
        guard case .list(let l) = resolved else { return [] }
        return l.map(\.stringValue)
    }
}
