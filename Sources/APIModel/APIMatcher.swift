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
