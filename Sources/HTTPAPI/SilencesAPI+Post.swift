import AlertCore
import Foundation
import GoCompat
import GoRegex
import Hummingbird
import Silences

extension SilencesAPI {
    /// `POST /silences`: schema checks as go-openapi reports them (422 with its codes), the
    /// handler's own time checks (400), then create or update (404 for an unknown ID).
    /// The response is sent once the change is on disk (see `Silences.persistChanges`).
    static func post(_ silences: Silences, body: [UInt8], now: Date, stored: (String) -> Void = { _ in }) async -> Response {
        let parsed: Silence
        switch decode(body) {
        case .failure(.parse(let msg)):
            return Responses.apiError(code: 400, "parsing silence body from \"\" failed, because \(msg)", status: .badRequest)
        case .failure(.validation(let code, let msg)):
            return Responses.apiError(code: code, msg, status: .unprocessableContent)
        case .failure(.handler(let msg)):
            return Responses.jsonString(msg, status: .badRequest)
        case .success(let s):
            parsed = s
        }
        if parsed.startsAt >= parsed.endsAt {
            return Responses.jsonString("Failed to create silence: start time must be before end time", status: .badRequest)
        }
        if parsed.endsAt < now {
            return Responses.jsonString("Failed to create silence: end time can't be in the past", status: .badRequest)
        }
        do throws(SilenceError) {
            let id = try await silences.setDurably(parsed)
            stored(id)
            var w = JSONWriter()
            w.raw("{\"silenceID\":")
            w.string(id)
            w.raw("}\n")
            return Responses.bytes(w.bytes)
        } catch {
            // A change the disk refused is a server error (Alertmanager has no such case: it
            // does not write silences before answering).
            let status: HTTPResponse.Status = switch error.kind {
            case .notFound: .notFound
            case .storage: .internalServerError
            case .invalid, .corruptSnapshot: .badRequest
            }
            return Responses.jsonString(error.message, status: status)
        }
    }

    enum DecodeError: Error {
        case parse(String)
        case validation(Int, String)
        case handler(String)
    }

    /// Decodes a `postableSilence`. Regex matchers are compiled later by the store, which
    /// reports a bad pattern with Alertmanager's `silence invalid: …` text.
    static func decode(_ body: [UInt8]) -> Result<Silence, DecodeError> {
        // Like go-openapi's json.Decoder: a missing body is a schema error, a syntax error in
        // the first value wins over type errors, and bytes after the first value are ignored.
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(.validation(602, "silence in body is required"))
        }
        let end: Int
        switch firstValueEnd(body) {
        case .failure(let e): return .failure(.parse(e.message))
        case .success(let i): end = i
        }
        let any: Any
        // A top-level value that is not an object is a type error, told from its first byte
        // (JSONSerialization refuses nesting deeper than 512 that Go accepts up to 10,000).
        if let c = body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }),
           c != UInt8(ascii: "{"), c != UInt8(ascii: "n") {
            return .failure(.parse("json: cannot unmarshal \(JSONScanner.kind(c)) into Go value of type models.PostableSilence"))
        }
        // Go's decoder turns invalid UTF-8 in strings into U+FFFD instead of failing, and so
        // does decoding the bytes as a Swift string first (JSONSerialization would refuse them).
        let text = Data(String(decoding: body[..<end], as: UTF8.self).utf8)
        do { any = try JSONSerialization.jsonObject(with: text, options: [.fragmentsAllowed]) } catch {
            return .failure(.parse("invalid JSON: \((error as NSError).localizedDescription)"))
        }
        guard let obj = any as? [String: Any] else {
            return .failure(.parse("json: cannot unmarshal \(jsonKind(any)) into Go value of type models.PostableSilence"))
        }
        func str(_ k: String) -> Result<String?, DecodeError> {
            guard let v = obj[k], !(v is NSNull) else { return .success(nil) }
            guard let s = v as? String else {
                return .failure(.parse("json: cannot unmarshal \(jsonKind(v)) into Go struct field PostableSilence.\(k) of type string"))
            }
            return .success(s)
        }
        // go-swagger validates the properties in alphabetical order and reports the first failure.
        var fields: [String: String] = [:]
        for k in ["comment", "createdBy", "endsAt", "id", "startsAt"] {
            switch str(k) {
            case .failure(let e): return .failure(e)
            case .success(let v): if let v { fields[k] = v }
            }
        }
        for k in ["comment", "createdBy", "endsAt"] where fields[k] == nil {
            return .failure(.validation(602, "\(k) in body is required"))
        }
        guard let rawMatchers = obj["matchers"], !(rawMatchers is NSNull) else {
            return .failure(.validation(602, "matchers in body is required"))
        }
        guard let list = rawMatchers as? [Any] else {
            return .failure(.parse("json: cannot unmarshal \(jsonKind(rawMatchers)) into Go struct field PostableSilence.matchers of type models.Matchers"))
        }
        if list.isEmpty { return .failure(.validation(612, "matchers in body should have at least 1 items")) }
        var matchers: [Matcher] = []
        for (i, item) in list.enumerated() {
            guard let m = item as? [String: Any] else { return .failure(.validation(602, "matchers.\(i) in body is required")) }
            guard let isRegex = m["isRegex"] as? Bool else { return .failure(.validation(602, "matchers.\(i).isRegex in body is required")) }
            guard let name = m["name"] as? String else { return .failure(.validation(602, "matchers.\(i).name in body is required")) }
            guard let value = m["value"] as? String else { return .failure(.validation(602, "matchers.\(i).value in body is required")) }
            let isEqual = (m["isEqual"] as? Bool) ?? true
            let type: MatchType = isRegex ? (isEqual ? .regexp : .notRegexp) : (isEqual ? .equal : .notEqual)
            do { matchers.append(try Matcher(type, name, value)) } catch {
                // Alertmanager reports the pattern as written, compiled unanchored.
                var message = error.message
                do { _ = try RE2(value) } catch { message = error.message }
                return .failure(.handler("silence invalid: invalid label matcher \(i): invalid regular expression \(GoQuote.quote(value)): \(message)"))
            }
        }
        guard fields["startsAt"] != nil else { return .failure(.validation(602, "startsAt in body is required")) }
        var dates: [String: Date] = [:]
        for k in ["startsAt", "endsAt"] {
            guard let d = StrfmtDateTime.parse(Array(fields[k]!.utf8)) else {
                return .failure(.parse("parsing time \(GoQuote.quote(fields[k]!)) as \"2006-01-02T15:04:05Z07:00\": cannot parse"))
            }
            if let shown = unformattableOffset(fields[k]!) {
                return .failure(.validation(601, "\(k) in body must be of type date-time: \(GoQuote.quote(shown))"))
            }
            dates[k] = d
        }
        return .success(Silence(id: fields["id"] ?? "", matchers: matchers, startsAt: dates["startsAt"]!, endsAt: dates["endsAt"]!,
                                createdBy: fields["createdBy"]!, comment: fields["comment"]!))
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

    /// Where the first JSON value of `body` ends, or Go's `encoding/json` wording for its
    /// syntax error (`unexpected EOF`, `invalid character 'x' looking for beginning of value`).
    static func firstValueEnd(_ body: [UInt8]) -> Result<Int, JSONError> {
        body.withUnsafeBufferPointer { buf -> Result<Int, JSONError> in
            var scanner = JSONScanner(buf)
            do throws(JSONError) {
                try scanner.skipValue()
                return .success(scanner.i)
            } catch {
                return .failure(error)
            }
        }
    }

    static func jsonKind(_ v: Any) -> String {
        switch v {
        case is String: "string"
        case is [Any]: "array"
        case is [String: Any]: "object"
        case is NSNumber: "number"
        default: "null"
        }
    }
}
