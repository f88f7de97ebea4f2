import AlertCore
import Foundation

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

    package init(id: String?, comment: String, createdBy: String, startsAt: String?, endsAt: String, matchers: [APIMatcher]) {
        self.id = id
        self.comment = comment
        self.createdBy = createdBy
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.matchers = matchers
    }
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
                               startsAt: fields["startsAt"], endsAt: fields["endsAt"] ?? "", matchers: matchers)
    }

    /// `startsAt` and `endsAt` parsed: `startsAt` is required, an unparsable time is Go's
    /// `time.Parse` error.
    package func times() -> Result<(startsAt: Date, endsAt: Date), PostableSilenceError> {
        guard let startsAt else { return .failure(.validation(code: 602, message: "startsAt in body is required")) }
        var out: [Date] = []
        for s in [startsAt, endsAt] {
            guard let d = RFC3339.parse(Array(s.utf8)) else {
                return .failure(.parse("parsing time \(GoQuote.quote(s)) as \"2006-01-02T15:04:05Z07:00\": cannot parse"))
            }
            out.append(d)
        }
        return .success((out[0], out[1]))
    }
}
