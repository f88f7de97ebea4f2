import AlertCore

/// `matcher` of API v2: a silence's matcher as sent and listed.
package struct APIMatcher: Sendable, Equatable {
    package var name: String
    package var value: String
    package var isRegex: Bool
    /// Optional: 0.21 and older omit it; absent means `true`.
    package var isEqual: Bool?

    package init(name: String, value: String, isRegex: Bool, isEqual: Bool?) {
        self.name = name
        self.value = value
        self.isRegex = isRegex
        self.isEqual = isEqual
    }

    /// From a parsed matcher.
    package init(_ m: Matcher) {
        self.init(name: m.name, value: m.value, isRegex: m.isRegex, isEqual: !m.isNegative)
    }

    /// The match type it stands for.
    package var type: MatchType {
        switch (isRegex, isEqual ?? true) {
        case (false, true): .equal
        case (false, false): .notEqual
        case (true, true): .regexp
        case (true, false): .notRegexp
        }
    }
}

extension APIMatcher {
    /// `name<op>"value"`, as amtool prints a silence's matcher.
    package var display: String { Matcher.format(name: name, type: type, value: value) }

    /// A `matcher` object of an answer (go-openapi's `models.Matcher`).
    init(json v: JSONValue) throws(JSONError) {
        let f = try JSONFields(v, goType: "models.Matcher")
        self.init(name: try f.string("name") ?? "", value: try f.string("value") ?? "",
                  isRegex: try f.bool("isRegex") ?? false, isEqual: try f.bool("isEqual"))
    }
}

extension JSONWriter {
    /// A matcher as go-openapi marshals `models.Matcher` (`isEqual` omitted when absent).
    package mutating func matcher(_ m: APIMatcher) {
        raw(UInt8(ascii: "{"))
        if let isEqual = m.isEqual { raw(isEqual ? "\"isEqual\":true," : "\"isEqual\":false,") }
        raw(m.isRegex ? "\"isRegex\":true,\"name\":" : "\"isRegex\":false,\"name\":")
        string(m.name)
        raw(",\"value\":")
        string(m.value)
        raw(UInt8(ascii: "}"))
    }
}
