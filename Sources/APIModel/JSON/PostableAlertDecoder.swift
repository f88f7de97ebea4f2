import AlertCore
import Foundation
import GoCompat

/// One element of a `postableAlerts` body as sent; times are `nil` when absent, null or "".
package struct PostableAlert: Sendable {
    package var labels: LabelSet
    package var annotations: LabelSet
    package var startsAt: Date?
    package var endsAt: Date?
    /// UTF-8 bytes, shared between equal URLs (`StringInterner`): what `Alert` stores.
    package var generatorURLUTF8: [UInt8]

    package var generatorURL: String { String(decoding: generatorURLUTF8, as: UTF8.self) }
}

/// Why a body was rejected before any alert was looked at, mirroring go-openapi's binding:
/// `parse` is answered 400 `{"code":400,...}`, `validation` 422 `{"code":602,...}`.
package enum PostableAlertsError: Error, Equatable {
    case parse(String)
    case validation(code: Int, message: String)
}

/// Decodes a `postableAlerts` JSON body directly from bytes (no Codable, no tree):
/// the ingest hot path. Field names match case-insensitively as Go's decoder does; unknown
/// fields are skipped; duplicate label names keep the last value; anything after the array
/// is ignored (go-openapi decodes one value from the stream).
package enum PostableAlertDecoder {
    package static func decode(_ body: UnsafeBufferPointer<UInt8>) throws(PostableAlertsError) -> [PostableAlert] {
        var s = JSONScanner(body)
        s.skipSpace()
        if s.atEnd { throw .validation(code: 602, message: "alerts in body is required") }
        var out: [PostableAlert] = []
        do {
            if try s.consumeNull() { return [] }
            let c = try s.peek()
            guard c == UInt8(ascii: "[") else {
                try s.skipValue()
                throw JSONError(message: "json: cannot unmarshal \(JSONScanner.kind(c)) into Go value of type models.PostableAlerts")
            }
            s.i += 1
            if try s.peek() == UInt8(ascii: "]") { return [] }
            var scratch = LabelScratch()
            var interner = StringInterner()
            while true {
                if try s.consumeNull() {
                    throw PostableAlertsError.validation(code: 602, message: "\(out.count).labels in body is required")
                }
                let e = try s.peek()
                guard e == UInt8(ascii: "{") else {
                    try s.skipValue(depth: 1)
                    throw JSONError(message: "json: cannot unmarshal \(JSONScanner.kind(e)) into Go value of type models.PostableAlert")
                }
                guard let alert = try decodeAlert(&s, scratch: &scratch, interner: &interner) else {
                    throw PostableAlertsError.validation(code: 602, message: "\(out.count).labels in body is required")
                }
                out.append(alert)
                let n = try s.peek()
                s.i += 1
                if n == UInt8(ascii: "]") { return out }
                if n != UInt8(ascii: ",") { throw JSONScanner.invalid(n, "after array element") }
            }
        } catch let e as JSONError {
            throw .parse(e.message)
        } catch let e as PostableAlertsError {
            throw e
        } catch {
            throw .parse("\(error)")
        }
    }

    private enum Field { case labels, annotations, startsAt, endsAt, generatorURL, other }

    private static func field(_ key: String) -> Field {
        switch key {
        case "labels": return .labels
        case "annotations": return .annotations
        case "startsAt": return .startsAt
        case "endsAt": return .endsAt
        case "generatorURL": return .generatorURL
        default:
            switch key.lowercased() {
            case "labels": return .labels
            case "annotations": return .annotations
            case "startsat": return .startsAt
            case "endsat": return .endsAt
            case "generatorurl": return .generatorURL
            default: return .other
            }
        }
    }

    /// Decodes one object; nil when `labels` is missing or null (a schema error).
    private static func decodeAlert(_ s: inout JSONScanner, scratch: inout LabelScratch,
                                    interner: inout StringInterner) throws -> PostableAlert? {
        s.i += 1
        var labels: LabelSet?
        var alert = PostableAlert(labels: LabelSet(), annotations: LabelSet(), startsAt: nil, endsAt: nil, generatorURLUTF8: [])
        if try s.peek() == UInt8(ascii: "}") {
            s.i += 1
            return nil
        }
        while true {
            guard try s.peek() == UInt8(ascii: "\"") else {
                throw JSONScanner.invalid(s.u[s.i], "looking for beginning of object key string")
            }
            let key = try s.string()
            guard try s.peek() == UInt8(ascii: ":") else { throw JSONScanner.invalid(s.u[s.i], "after object key") }
            s.i += 1
            switch field(key) {
            case .labels: labels = try labelSet(&s, field: "labels", scratch: &scratch)
            case .annotations: alert.annotations = try labelSet(&s, field: "annotations", scratch: &scratch) ?? LabelSet()
            case .startsAt: alert.startsAt = try date(&s, field: "startsAt")
            case .endsAt: alert.endsAt = try date(&s, field: "endsAt")
            case .generatorURL: alert.generatorURLUTF8 = interner.intern(try string(&s, field: "generatorURL"))
            case .other: try s.skipValue(depth: 2)
            }
            let n = try s.peek()
            s.i += 1
            if n == UInt8(ascii: "}") { break }
            if n != UInt8(ascii: ",") { throw JSONScanner.invalid(n, "after object key:value pair") }
        }
        guard let labels else { return nil }
        alert.labels = labels
        return alert
    }

    private static func typeError(_ c: UInt8, field: String, type: String) -> JSONError {
        JSONError(message: "json: cannot unmarshal \(JSONScanner.kind(c)) into Go struct field PostableAlert.\(field) of type \(type)")
    }

    /// The bytes of one object's names and values as decoded, reused across label sets.
    struct LabelScratch {
        var bytes: [UInt8] = []
        var pairs: [(name: Range<Int>, value: Range<Int>)] = []
    }

    /// A `{string: string}` object into a sorted label set; nil for `null`.
    private static func labelSet(_ s: inout JSONScanner, field: String, scratch: inout LabelScratch) throws -> LabelSet? {
        if try s.consumeNull() { return nil }
        let c = try s.peek()
        guard c == UInt8(ascii: "{") else {
            try s.skipValue(depth: 2)
            throw typeError(c, field: field, type: "models.LabelSet")
        }
        s.i += 1
        scratch.bytes.removeAll(keepingCapacity: true)
        scratch.pairs.removeAll(keepingCapacity: true)
        if try s.peek() == UInt8(ascii: "}") {
            s.i += 1
            return LabelSet()
        }
        while true {
            guard try s.peek() == UInt8(ascii: "\"") else {
                throw JSONScanner.invalid(s.u[s.i], "looking for beginning of object key string")
            }
            let n0 = scratch.bytes.count
            try s.string(appendingTo: &scratch.bytes)
            let name = n0..<scratch.bytes.count
            guard try s.peek() == UInt8(ascii: ":") else { throw JSONScanner.invalid(s.u[s.i], "after object key") }
            s.i += 1
            let v = try s.peek()
            let v0 = scratch.bytes.count
            if v == UInt8(ascii: "\"") {
                try s.string(appendingTo: &scratch.bytes)
            } else if v == UInt8(ascii: "n") {
                try s.literal("null")
            } else {
                try s.skipValue(depth: 3)
                throw typeError(v, field: field, type: "string")
            }
            scratch.pairs.append((name, v0..<scratch.bytes.count))
            let n = try s.peek()
            s.i += 1
            if n == UInt8(ascii: "}") { break }
            if n != UInt8(ascii: ",") { throw JSONScanner.invalid(n, "after object key:value pair") }
        }
        return scratch.bytes.withUnsafeBufferPointer { u in
            LabelSet(sortedRanges: sortedUnique(scratch.pairs, in: u), in: u)
        }
    }

    /// Sorts by name (byte order), keeping the last of duplicate names (Go's map decoding).
    static func sortedUnique(_ pairs: [(name: Range<Int>, value: Range<Int>)],
                             in u: UnsafeBufferPointer<UInt8>) -> [(name: Range<Int>, value: Range<Int>)] {
        func name(_ k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: u[pairs[k].name]) }
        // Prometheus sends labels sorted by name: then there is nothing to sort or drop.
        if pairs.indices.dropFirst().allSatisfy({ name($0 - 1).lexicographicallyPrecedes(name($0)) }) { return pairs }
        var idx = Array(pairs.indices)
        idx.sort { a, b in
            let x = name(a), y = name(b)
            return x.elementsEqual(y) ? a < b : x.lexicographicallyPrecedes(y)
        }
        var out: [(name: Range<Int>, value: Range<Int>)] = []
        out.reserveCapacity(pairs.count)
        var last: Int?
        for k in idx {
            if let l = last, name(l).elementsEqual(name(k)) { out[out.count - 1] = pairs[k] } else { out.append(pairs[k]) }
            last = k
        }
        return out
    }

    private static func string(_ s: inout JSONScanner, field: String) throws -> String {
        if try s.consumeNull() { return "" }
        let c = try s.peek()
        guard c == UInt8(ascii: "\"") else {
            try s.skipValue(depth: 2)
            throw typeError(c, field: field, type: "strfmt.URI")
        }
        return try s.string()
    }

    private static func date(_ s: inout JSONScanner, field: String) throws -> Date? {
        if try s.consumeNull() { return nil }
        let c = try s.peek()
        guard c == UInt8(ascii: "\"") else {
            try s.skipValue(depth: 2)
            throw JSONError(message: "json: cannot unmarshal \(JSONScanner.kind(c)) into Go value of type string")
        }
        var text = try s.string()
        guard let d = text.withUTF8({ StrfmtDateTime.parse($0) }) else {
            throw JSONError(message: "parsing time \(GoQuote.quote(text)): not an RFC3339 date-time")
        }
        return d.isGoZero ? nil : d
    }
}
