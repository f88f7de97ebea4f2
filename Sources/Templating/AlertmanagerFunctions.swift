import Foundation
import GoCompat
import GoRegex

/// Alertmanager's template functions: template.DefaultFuncs of 0.25, and those added up to
/// 0.34 (`trimSpace date tz since humanizeDuration toJson`, then `addLaterFunctions`).
/// `now` is injected so `since` is testable.
enum AlertmanagerFunctions {
    static func all(now: @escaping @Sendable () -> GoTime) -> [String: TemplateFunction] {
        var f: [String: TemplateFunction] = [:]
        f["toUpper"] = TemplateFunction([.string]) { .string($0[0].stringValue.uppercased()) }
        f["toLower"] = TemplateFunction([.string]) { .string($0[0].stringValue.lowercased()) }
        f["title"] = TemplateFunction([.string]) { .string(title($0[0].stringValue)) }
        f["trimSpace"] = TemplateFunction([.string]) { .string($0[0].stringValue.trimmingCharacters(in: .whitespacesAndNewlines)) }
        f["join"] = TemplateFunction([.string, .stringList]) { args in
            .string(args[1].stringList.joined(separator: args[0].stringValue))
        }
        f["match"] = TemplateFunction([.string, .string]) { args throws(TemplateRuntimeError) in
            do throws(RE2Error) { return .bool(try RE2(args[0].stringValue).matches(args[1].stringValue)) } catch {
                throw TemplateRuntimeError(error.message)
            }
        }
        f["reReplaceAll"] = TemplateFunction([.string, .string, .string]) { args throws(TemplateRuntimeError) in
            do throws(RE2Error) {
                return .string(try RE2(args[0].stringValue).replaceAll(in: args[2].stringValue, with: args[1].stringValue))
            } catch {
                // Go's regexp.MustCompile panics; text/template reports the panic as the call error.
                throw TemplateRuntimeError("regexp: Compile(\(regexpQuote(args[0].stringValue))): \(error.message)")
            }
        }
        f["safeHtml"] = TemplateFunction([.string]) { .html($0[0].stringValue) }
        f["stringSlice"] = TemplateFunction([], variadic: .string) { .list($0) }
        f["date"] = TemplateFunction([.string, .time]) { args in
            guard case .time(let t) = args[1] else { return .null }
            return .string(t.format(args[0].stringValue))
        }
        f["tz"] = TemplateFunction([.string, .time]) { args throws(TemplateRuntimeError) in
            guard case .time(let t) = args[1] else { return .null }
            return .time(try t.inLocation(named: args[0].stringValue))
        }
        f["since"] = TemplateFunction([.time]) { args in
            guard case .time(let t) = args[0] else { return .null }
            let n = now()
            return .duration((n.unixSeconds - t.unixSeconds) * 1_000_000_000 + Int64(n.nanoseconds - t.nanoseconds))
        }
        f["humanizeDuration"] = TemplateFunction([.any]) { args throws(TemplateRuntimeError) in
            .string(try humanizeDuration(args[0]))
        }
        f["toJson"] = TemplateFunction([.any]) { args throws(TemplateRuntimeError) in .string(try JSONText.encode(args[0])) }
        addLaterFunctions(to: &f, now: now)
        return f
    }

    /// The functions Alertmanager added after 0.25, up to 0.34.
    static func addLaterFunctions(to f: inout [String: TemplateFunction], now: @escaping @Sendable () -> GoTime) {
        // `template.URL` prints as its text; neither tocsin's nor Go's escaper changes it in
        // text content.
        f["safeUrl"] = TemplateFunction([.string]) { .string($0[0].stringValue) }
        f["urlUnescape"] = TemplateFunction([.string]) { args throws(TemplateRuntimeError) in
            do throws(URLEscapeError) { return .string(try GoURL.queryUnescape(args[0].stringValue)) } catch {
                throw TemplateRuntimeError(error.description)
            }
        }
        f["now"] = TemplateFunction([]) { _ in .time(now()) }
        // 0.34: replaced per execution by `RouteLabelResolver` when the data has route labels;
        // without any, every name reads as "".
        f["routeLabels"] = TemplateFunction([.string]) { _ in .string("") }
        // toDate gives the zero time when the text does not parse; mustToDate fails the template.
        f["toDate"] = TemplateFunction([.string, .string]) { args in
            .time((try? GoTime.parse(layout: args[0].stringValue, args[1].stringValue)) ?? .zero)
        }
        f["mustToDate"] = TemplateFunction([.string, .string]) { args throws(TemplateRuntimeError) in
            do throws(GoTime.ParseError) { return .time(try GoTime.parse(layout: args[0].stringValue, args[1].stringValue)) } catch {
                throw TemplateRuntimeError(error.description)
            }
        }
        f["base64encode"] = TemplateFunction([.string]) { .string(GoBase64URL.encode(Array($0[0].stringValue.utf8))) }
        f["base64decode"] = TemplateFunction([.string]) { args throws(TemplateRuntimeError) in
            do throws(GoBase64URL.CorruptInput) {
                return .string(String(decoding: try GoBase64URL.decode(args[0].stringValue), as: UTF8.self))
            } catch {
                throw TemplateRuntimeError(error.description)
            }
        }
        f["list"] = TemplateFunction([], variadic: .any) { .list($0) }
        f["append"] = TemplateFunction([.any], variadic: .any) { args throws(TemplateRuntimeError) in
            switch args[0] {
            case .list(let items): return .list(items + args.dropFirst())
            case .null: return .list(Array(args.dropFirst()))
            default: throw TemplateRuntimeError("wrong type for value; expected []interface {}; got \(GoFormat.typeName(args[0]))")
            }
        }
        f["dict"] = TemplateFunction([], variadic: .any) { args throws(TemplateRuntimeError) in
            guard args.count % 2 == 0 else { throw TemplateRuntimeError("dict requires an even number of arguments") }
            var entries: [String: TemplateValue] = [:]
            for i in stride(from: 0, to: args.count, by: 2) {
                guard case .string(let key) = args[i] else { throw TemplateRuntimeError("dict keys must be strings") }
                entries[key] = args[i + 1]
            }
            return .map(TemplateMap(entries))
        }
    }

    /// Go regexp's `quote` (used in MustCompile's panic): backquoted when possible.
    static func regexpQuote(_ s: String) -> String {
        let canBackquote = s.unicodeScalars.allSatisfy { u in
            u != "`" && u != "\u{FEFF}" && (u == "\t" || !(u.value < 0x20 || u.value == 0x7F))
        }
        return canBackquote ? "`" + s + "`" : GoQuote.quote(s)
    }

    /// x/text `cases.Title(language.AmericanEnglish)`: the first letter of each word
    /// upper-cased, the rest of the word lower-cased. Words start after a non-letter,
    /// non-digit, non-apostrophe character.
    static func title(_ s: String) -> String {
        var out = ""
        var inWord = false
        for ch in s {
            let isWordChar = ch.isLetter || ch.isNumber || ch == "'" || ch == "’" || ch.unicodeScalars.first?.properties.generalCategory == .nonspacingMark
            if isWordChar {
                out += inWord ? ch.lowercased() : String(ch).uppercased()
                inWord = true
            } else {
                out.append(ch)
                inWord = false
            }
        }
        return out
    }

    /// prometheus/common's `humanizeDuration`: seconds rendered as "1d 2h 3m 4s",
    /// "1m 5s", "2.5s" (4 significant digits) or with SI prefixes below one second.
    static func humanizeDuration(_ v: TemplateValue) throws(TemplateRuntimeError) -> String {
        var x: Double
        switch v {
        case .int(let i): x = Double(i)
        case .float(let f): x = f
        case .duration(let d): x = Double(d) / 1e9
        case .string(let s):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else {
                throw TemplateRuntimeError("strconv.ParseFloat: parsing \(GoQuote.quote(s)): invalid syntax")
            }
            x = d
        default: throw TemplateRuntimeError("can't convert \(v.goTypeName) to float")
        }
        if x.isNaN || x.isInfinite { return GoFormat.sprintf("%.4g", [.float(x)]) }
        if abs(x) >= 1 {
            let sign = x < 0 ? "-" : ""
            x = abs(x)
            let total = Int64(x)
            let s = total % 60, m = total / 60 % 60, h = total / 3600 % 24, d = total / 86400
            if d != 0 { return "\(sign)\(d)d \(h)h \(m)m \(s)s" }
            if h != 0 { return "\(sign)\(h)h \(m)m \(s)s" }
            if m != 0 { return "\(sign)\(m)m \(s)s" }
            return sign + GoFormat.sprintf("%.4g", [.float(x)]) + "s"
        }
        var prefix = ""
        for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if x == 0 || abs(x) >= 1 { break }
            prefix = p
            x *= 1000
        }
        return GoFormat.sprintf("%.4g", [.float(x)]) + prefix + "s"
    }
}
