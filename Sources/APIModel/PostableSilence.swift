import AlertCore
import Foundation
import GoCompat

/// A `postableSilence` body as go-openapi binds it, before the handler looks at it: the
/// matchers are not compiled yet and the times are still text (see `times()`), so that the
/// server can report problems in Alertmanager's order.
package struct PostableSilence: Sendable, Equatable {
    package var id: String?
    package var comment: String
    package var createdBy: String
    package var startsAt: String?
    package var endsAt: String
    package var matchers: [APIMatcher]
    /// 0.32+'s silence annotations (a `labelSet`); empty when absent.
    package var annotations: [String: String] = [:]
}

/// Why a posted body was rejected: `parse` is answered 400 `{"code":400,...}` after
/// "parsing silence body from \"\" failed, because ", `validation` 422 with its code.
package enum PostableSilenceError: Error, Equatable {
    case parse(String)
    case validation(code: Int, message: String)
}

extension PostableSilence {
    /// Decodes a body. Like go-openapi's `json.Decoder`: no body is a schema error, a syntax
    /// error in the first value wins over type errors, and bytes after the first value are
    /// ignored. Then the string fields' types (alphabetical, as go-swagger validates), the
    /// required fields, and the matchers' shape.
    package static func decode(_ body: [UInt8]) -> Result<PostableSilence, PostableSilenceError> {
        body.withUnsafeBufferPointer { buf in
            do throws(PostableSilenceError) { return .success(try decode(buf)) } catch { return .failure(error) }
        }
    }

    static func decode(_ body: UnsafeBufferPointer<UInt8>) throws(PostableSilenceError) -> PostableSilence {
        var scanner = JSONScanner(body)
        scanner.skipSpace()
        if scanner.atEnd { throw .validation(code: 602, message: "silence in body is required") }
        let root: JSONValue
        do throws(JSONError) {
            var syntax = scanner
            try syntax.skipValue()
            root = try scanner.value()
        } catch {
            throw .parse(error.message)
        }
        guard case .object = root else {
            throw .parse("json: cannot unmarshal \(root.goKind) into Go value of type models.PostableSilence")
        }
        var annotations: [String: String] = [:]
        switch root.member("annotations") {
        case nil, .null?: break
        case .object(let members)?:
            for (k, v) in members {
                switch v {
                case .string(let s): annotations[k] = s
                case .null: annotations[k] = ""
                default:
                    throw .parse("json: cannot unmarshal \(v.goKind) into Go struct field PostableSilence.annotations of type string")
                }
            }
        case let v?:
            throw .parse("json: cannot unmarshal \(v.goKind) into Go struct field PostableSilence.annotations of type models.LabelSet")
        }
        var fields: [String: String] = [:]
        for name in ["comment", "createdBy", "endsAt", "id", "startsAt"] {
            switch root.member(name) {
            case nil, .null?: continue
            case .string(let s)?: fields[name] = s
            case let v?:
                throw .parse("json: cannot unmarshal \(v.goKind) into Go struct field PostableSilence.\(name) of type string")
            }
        }
        for name in ["comment", "createdBy", "endsAt"] where fields[name] == nil {
            throw .validation(code: 602, message: "\(name) in body is required")
        }
        let items: [JSONValue]
        switch root.member("matchers") {
        case nil, .null?: throw .validation(code: 602, message: "matchers in body is required")
        case .array(let a)?: items = a
        case let v?:
            throw .parse("json: cannot unmarshal \(v.goKind) into Go struct field PostableSilence.matchers of type models.Matchers")
        }
        if items.isEmpty { throw .validation(code: 612, message: "matchers in body should have at least 1 items") }
        var matchers: [APIMatcher] = []
        for (i, item) in items.enumerated() {
            guard case .object = item else { throw .validation(code: 602, message: "matchers.\(i) in body is required") }
            guard case .bool(let isRegex)? = item.member("isRegex") else {
                throw .validation(code: 602, message: "matchers.\(i).isRegex in body is required")
            }
            guard case .string(let name)? = item.member("name") else {
                throw .validation(code: 602, message: "matchers.\(i).name in body is required")
            }
            guard case .string(let value)? = item.member("value") else {
                throw .validation(code: 602, message: "matchers.\(i).value in body is required")
            }
            var isEqual: Bool?
            if case .bool(let b)? = item.member("isEqual") { isEqual = b }
            matchers.append(APIMatcher(name: name, value: value, isRegex: isRegex, isEqual: isEqual))
        }
        return PostableSilence(id: fields["id"], comment: fields["comment"] ?? "", createdBy: fields["createdBy"] ?? "",
                               startsAt: fields["startsAt"], endsAt: fields["endsAt"] ?? "", matchers: matchers,
                               annotations: annotations)
    }

    /// `startsAt` and `endsAt` parsed: `startsAt` is required, an unparsable time is Go's
    /// `time.Parse` error.
    package func times() -> Result<(startsAt: Date, endsAt: Date), PostableSilenceError> {
        guard let startsAt else { return .failure(.validation(code: 602, message: "startsAt in body is required")) }
        var out: [Date] = []
        for (name, s) in [("startsAt", startsAt), ("endsAt", endsAt)] {
            guard let d = StrfmtDateTime.parse(Array(s.utf8)) else {
                return .failure(.parse("parsing time \(GoQuote.quote(s)) as \"2006-01-02T15:04:05Z07:00\": cannot parse"))
            }
            if let shown = Self.unformattableOffset(s) {
                return .failure(.validation(code: 601, message: "\(name) in body must be of type date-time: \(GoQuote.quote(shown))"))
            }
            out.append(d)
        }
        return .success((out[0], out[1]))
    }

    /// Go 1.19's `time.Parse` (Alertmanager 0.25's) takes any two-digit offset, `+99:99`
    /// included, but go-openapi then validates the time as it prints it, and an offset of
    /// 100 hours or more prints with three digits (`+100:39`), which is not a date-time:
    /// a 422. Returns that printed form, or nil when the offset is fine.
    static func unformattableOffset(_ text: String) -> String? {
        let b = Array(text.utf8)
        guard b.count >= 6, let sign = b.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }),
              sign >= 16 else { return nil }
        let digits = b[(sign + 1)...].filter { $0 != UInt8(ascii: ":") }.map { Int($0) - 48 }
        guard digits.count == 4, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let minutes = (digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3]
        guard minutes >= 100 * 60 else { return nil }
        // The local fields as written, seconds and milliseconds always shown (RFC3339Millis).
        var local = String(decoding: b[0..<min(16, sign)], as: UTF8.self)
        local.replaceSubrange(local.index(local.startIndex, offsetBy: 10)...local.index(local.startIndex, offsetBy: 10), with: "T")
        var rest = b[16..<sign]
        var seconds = ":00"
        if rest.first == UInt8(ascii: ":"), rest.count >= 3 {
            seconds = String(decoding: rest.prefix(3), as: UTF8.self)
            rest = rest.dropFirst(3)
        }
        var millis = Array(rest.dropFirst().prefix(3))
        while millis.count < 3 { millis.append(UInt8(ascii: "0")) }
        let hh = minutes / 60, mm = minutes % 60
        return local + seconds + "." + String(decoding: millis, as: UTF8.self) + String(UnicodeScalar(b[sign]))
            + (hh < 10 ? "0" : "") + String(hh) + ":" + (mm < 10 ? "0" : "") + String(mm)
    }
}
