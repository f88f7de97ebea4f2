import GoCompat

/// Methods of Go's `time.Time` and `time.Duration` that templates commonly call,
/// e.g. `{{ .StartsAt.Format "15:04" }}`, `{{ .EndsAt.IsZero }}`, `{{ .StartsAt.Unix }}`.
enum TimeMethods {
    static func call(_ t: GoTime, _ name: String, _ args: [TemplateValue]) throws(TemplateRuntimeError) -> TemplateValue? {
        func arity(_ n: Int) throws(TemplateRuntimeError) {
            if args.count != n { throw TemplateRuntimeError("wrong number of args for \(name): want \(n) got \(args.count)") }
        }
        let c = t.civil
        switch name {
        case "Format":
            try arity(1)
            guard case .string(let layout) = args[0] else { throw TemplateRuntimeError("wrong type for value; expected string") }
            return .string(t.format(layout))
        case "String": try arity(0); return .string(t.description)
        case "Unix": try arity(0); return .int(Int(t.unixSeconds))
        case "UnixMilli": try arity(0); return .int(Int(t.unixSeconds) * 1000 + t.nanoseconds / 1_000_000)
        case "UnixNano": try arity(0); return .int(Int(t.unixSeconds) &* 1_000_000_000 &+ t.nanoseconds)
        case "IsZero": try arity(0); return .bool(t.isZero)
        case "UTC": try arity(0); return .time(t.inZone(offsetSeconds: 0, name: "UTC"))
        case "Local": try arity(0); return .time(try t.inLocation(named: "Local"))
        case "Year": try arity(0); return .int(c.year)
        case "Month": try arity(0); return .int(c.month)
        case "Day": try arity(0); return .int(c.day)
        case "Hour": try arity(0); return .int(c.hour)
        case "Minute": try arity(0); return .int(c.minute)
        case "Second": try arity(0); return .int(c.second)
        case "Nanosecond": try arity(0); return .int(t.nanoseconds)
        case "YearDay": try arity(0); return .int(c.yearDay)
        case "Sub":
            try arity(1)
            guard case .time(let o) = args[0] else { throw TemplateRuntimeError("wrong type for value; expected time.Time") }
            return .duration((t.unixSeconds - o.unixSeconds) * 1_000_000_000 + Int64(t.nanoseconds - o.nanoseconds))
        case "Before", "After", "Equal":
            try arity(1)
            guard case .time(let o) = args[0] else { throw TemplateRuntimeError("wrong type for value; expected time.Time") }
            let a = (t.unixSeconds, t.nanoseconds), b = (o.unixSeconds, o.nanoseconds)
            return .bool(name == "Before" ? a < b : name == "After" ? a > b : a == b)
        default: return nil
        }
    }

    static func duration(_ d: Int64, _ name: String) -> TemplateValue? {
        switch name {
        case "String": return .string(GoDuration.string(d))
        case "Seconds": return .float(Double(d) / 1e9)
        case "Minutes": return .float(Double(d) / 6e10)
        case "Hours": return .float(Double(d) / 3.6e12)
        case "Milliseconds": return .int(Int(d / 1_000_000))
        case "Nanoseconds": return .int(Int(d))
        default: return nil
        }
    }
}

extension GoTime {
    /// `GoTime.inLocation` with the error a template sees for an unknown zone (Go's
    /// `time.LoadLocation` text).
    func inLocation(named name: String) throws(TemplateRuntimeError) -> GoTime {
        guard let t = inLocation(name) else { throw TemplateRuntimeError("unknown time zone \(name)") }
        return t
    }
}
