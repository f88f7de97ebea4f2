import AlertCore
import GoCompat
import GoRegex

/// Alertmanager 0.25's `validateSilence`, run on every create and update.
enum SilenceValidation {
    static func validate(_ s: Silence) -> String? {
        if s.id.isEmpty { return "ID missing" }
        if s.matchers.isEmpty { return "at least one matcher required" }
        var allMatchEmpty = true
        for (i, m) in s.matchers.enumerated() {
            if let err = validate(m) { return "invalid label matcher \(i): \(err)" }
            allMatchEmpty = allMatchEmpty && matchesEmpty(m)
        }
        if allMatchEmpty { return "at least one matcher must not match the empty string" }
        if s.startsAt.isGoZero { return "invalid zero start timestamp" }
        if s.endsAt.isGoZero { return "invalid zero end timestamp" }
        if s.endsAt < s.startsAt { return "end time must not be before start time" }
        if s.updatedAt.isGoZero { return "invalid zero update timestamp" }
        return nil
    }

    static func validate(_ m: Matcher) -> String? {
        if !LabelName.isValid(m.name) { return "invalid label name \(GoQuote.quote(m.name))" }
        if m.isRegex {
            do { _ = try RE2(m.value) } catch {
                return "invalid regular expression \(GoQuote.quote(m.value)): \(error.message)"
            }
        }
        return nil
    }

    /// Whether a matcher matches the empty string; negative matchers never count.
    /// The regex is tested unanchored, as Alertmanager's `regexp.MatchString` does.
    static func matchesEmpty(_ m: Matcher) -> Bool {
        switch m.type {
        case .equal: return m.value.isEmpty
        case .regexp: return (try? RE2(m.value))?.matches("") ?? false
        case .notEqual, .notRegexp: return false
        }
    }
}
