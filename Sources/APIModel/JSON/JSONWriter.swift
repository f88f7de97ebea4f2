import Foundation
import GoCompat

/// The API writes its JSON with `GoCompat.GoJSONWriter` (Go 1.19 `encoding/json` escaping);
/// `labelSet` comes from AlertCore. This file adds the API's own shapes.
package typealias JSONWriter = GoJSONWriter

extension GoJSONWriter {
    /// A go-openapi `strfmt.DateTime` as a JSON string (`"2006-01-02T15:04:05.000Z"`).
    package mutating func date(_ d: Date) {
        raw(UInt8(ascii: "\""))
        StrfmtDateTime.append(d, to: &bytes)
        raw(UInt8(ascii: "\""))
    }

    /// A JSON string document, as go-openapi writes a string payload (`"msg"` + newline).
    package static func stringBody(_ s: String) -> [UInt8] {
        var w = JSONWriter(capacity: s.utf8.count + 8)
        w.string(s)
        w.raw(UInt8(ascii: "\n"))
        return w.bytes
    }

    /// go-openapi's error document `{"code":N,"message":"..."}` (no trailing newline).
    package static func errorBody(code: Int, message: String) -> [UInt8] {
        var w = JSONWriter(capacity: message.utf8.count + 32)
        w.raw("{\"code\":")
        w.int(code)
        w.raw(",\"message\":")
        w.string(message)
        w.raw(UInt8(ascii: "}"))
        return w.bytes
    }
}
