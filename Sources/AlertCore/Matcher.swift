import GoRegex

/// The four matcher operators, in Alertmanager's numeric order.
package enum MatchType: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case equal = 0, notEqual = 1, regexp = 2, notRegexp = 3

    package var description: String {
        switch self {
        case .equal: "="
        case .notEqual: "!="
        case .regexp: "=~"
        case .notRegexp: "!~"
        }
    }

    package init?(op: String) {
        guard let t = MatchType.allCases.first(where: { $0.description == op }) else { return nil }
        self = t
    }

    package static func < (a: MatchType, b: MatchType) -> Bool { a.rawValue < b.rawValue }
}

/// A label matcher (`labels.Matcher`): regex values are fully anchored (`^(?:v)$`).
package struct Matcher: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let type: MatchType
    package let name: String
    package let value: String
    private let regex: RE2?

    /// Builds a matcher; a regex value that Go would reject throws Go's error text.
    package init(_ type: MatchType, _ name: String, _ value: String) throws(RE2Error) {
        self.type = type
        self.name = name
        self.value = value
        switch type {
        case .regexp, .notRegexp: regex = try RE2.anchored(value)
        case .equal, .notEqual: regex = nil
        }
    }

    package var isRegex: Bool { type == .regexp || type == .notRegexp }
    package var isNegative: Bool { type == .notEqual || type == .notRegexp }

    /// Whether `s` (a label value, "" when the label is absent) satisfies the matcher.
    package func matches(_ s: String) -> Bool {
        switch type {
        case .equal: return s == value
        case .notEqual: return s != value
        case .regexp: return regex?.matches(s) ?? false
        case .notRegexp: return !(regex?.matches(s) ?? false)
        }
    }

    /// Matches against a label set, a missing label counting as "". Reads the value's bytes
    /// in place: routing, silencing and inhibition run this for every alert.
    package func matches(labels: LabelSet) -> Bool {
        labels.withValueUTF8(name) { found in
            let v = found ?? UnsafeBufferPointer(start: nil, count: 0)
            switch type {
            case .equal: return equals(v)
            case .notEqual: return !equals(v)
            case .regexp: return regex?.matches(utf8: v) ?? false
            case .notRegexp: return !(regex?.matches(utf8: v) ?? false)
            }
        }
    }

    /// Whether the UTF-8 value `v` satisfies the matcher, or nil when `interrupt` stopped a
    /// long regex match (the API's filters: a request whose client left stops evaluating).
    package func matches(utf8 v: UnsafeBufferPointer<UInt8>, interrupt: () -> Bool) -> Bool? {
        switch type {
        case .equal: return equals(v)
        case .notEqual: return !equals(v)
        case .regexp, .notRegexp:
            guard let regex else { return type == .notRegexp }
            guard let found = regex.matches(utf8: v, interrupt: interrupt) else { return nil }
            return type == .regexp ? found : !found
        }
    }

    /// Instructions of the compiled regex (0 for an equality matcher): what one match costs
    /// per byte of the value.
    package var regexProgramSize: Int { regex?.programSize ?? 0 }

    private func equals(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        if let r = value.utf8.withContiguousStorageIfAvailable({ $0.elementsEqual(v) }) { return r }
        return value.utf8.elementsEqual(v)
    }

    /// `name<op>"value"` with `\`, newline and `"` escaped (0.25's `Matcher.String`).
    package var description: String { Self.format(name: name, type: type, value: value) }

    /// 0.25's matcher string form for any name/type/value, also for matchers received from a
    /// server whose regex need not be compiled (tocsinctl's output).
    package static func format(name: String, type: MatchType, value: String) -> String {
        var s = name + type.description + "\""
        for c in value.unicodeScalars {
            switch c {
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\"": s += "\\\""
            default: s.unicodeScalars.append(c)
            }
        }
        return s + "\""
    }

    package static func == (a: Matcher, b: Matcher) -> Bool {
        a.type == b.type && a.name == b.name && a.value == b.value
    }

    package func hash(into h: inout Hasher) {
        h.combine(type)
        h.combine(name)
        h.combine(value)
    }

    /// `Matchers.Less`: by name, then value, then type.
    package static func < (a: Matcher, b: Matcher) -> Bool {
        if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        if a.value != b.value { return a.value.utf8.lexicographicallyPrecedes(b.value.utf8) }
        return a.type < b.type
    }
}

extension Array where Element == Matcher {
    /// True when every matcher matches `labels`.
    package func matches(_ labels: LabelSet) -> Bool { allSatisfy { $0.matches(labels: labels) } }

    /// `{a="b",c=~"d"}`: the form used in route keys (no space after commas).
    package var matchersString: String { "{" + map(\.description).joined(separator: ",") + "}" }
}
