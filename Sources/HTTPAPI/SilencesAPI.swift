import AlertCore
import Foundation
import Hummingbird
import Silences

/// The silences endpoints of API v2 (`GET/POST /silences`, `GET/DELETE /silence/{id}`),
/// with Alertmanager 0.25's status codes, error bodies and ordering; DELETE of an unknown
/// ID answers 404 as 0.26+ does (0.25 answered 500).
public enum SilencesAPI {
    public static func routes(_ silences: Silences, parser: MatcherParser = MatcherParser(),
                              clock: any TimeSource = WallClock(), maxBodyBytes: Int = 1 << 20) -> [APIRoute] {
        [
            APIRoute(.get, "/silences") { req, _, _ in list(silences, query: QueryString(req.uri.query), parser: parser, now: clock.now()) },
            APIRoute(.post, "/silences") { req, _, _ in
                let body: ByteBuffer
                do { body = try await req.body.collect(upTo: maxBodyBytes) } catch {
                    return Responses.apiError(code: 413, "request body larger than \(maxBodyBytes) bytes", status: .contentTooLarge)
                }
                return post(silences, body: Array(buffer: body), now: clock.now())
            },
            APIRoute(.get, "/silence/{silenceID}") { _, params, _ in
                let id = params["silenceID"] ?? ""
                if let bad = badUUID(id) { return bad }
                guard let s = silences.get(id) else { return Response(status: .notFound) }
                var w = JSONWriter()
                write(s, now: clock.now(), to: &w)
                w.raw(UInt8(ascii: "\n"))
                return Responses.bytes(w.bytes)
            },
            APIRoute(.delete, "/silence/{silenceID}") { _, params, _ in
                let id = params["silenceID"] ?? ""
                if let bad = badUUID(id) { return bad }
                do throws(SilenceError) { try silences.expire(id) } catch {
                    return Responses.jsonString(error.message, status: error.kind == .notFound ? .notFound : .internalServerError)
                }
                return Response(status: .ok)
            },
        ]
    }

    /// go-openapi's path validation: `silenceID` must be a UUID.
    static func badUUID(_ id: String) -> Response? {
        UUID(uuidString: id) == nil
            ? Responses.apiError(code: 601, "silenceID in path must be of type uuid: \(GoQuote.quote(id))", status: .unprocessableContent)
            : nil
    }

    /// `GET /silences`: every silence held, filtered by exact matcher equality, sorted
    /// active (ending first), pending (starting first), expired (most recently ended first).
    static func list(_ silences: Silences, query: QueryString, parser: MatcherParser, now: Date) -> Response {
        var filters: [Matcher] = []
        for f in query.all("filter") {
            do { filters.append(try parser.parseMatcher(f, origin: "api")) } catch {
                return Responses.jsonString(error.message, status: .badRequest)
            }
        }
        let selected = silences.all().filter { s in filters.allSatisfy { f in s.matchers.contains { $0 == f } } }
        let sorted = sortForAPI(selected, now: now)
        var w = JSONWriter(capacity: 256 * max(1, sorted.count))
        w.raw(UInt8(ascii: "["))
        for (i, s) in sorted.enumerated() {
            if i > 0 { w.raw(UInt8(ascii: ",")) }
            write(s, now: now, to: &w)
        }
        w.raw("]\n")
        return Responses.bytes(w.bytes)
    }

    /// Alertmanager's `SortSilences`.
    public static func sortForAPI(_ list: [Silence], now: Date) -> [Silence] {
        func rank(_ s: SilenceState) -> Int { s == .active ? 0 : s == .pending ? 1 : 2 }
        return list.sorted { a, b in
            let sa = a.state(at: now), sb = b.state(at: now)
            if sa != sb { return rank(sa) < rank(sb) }
            switch sa {
            case .active: return a.endsAt < b.endsAt
            case .pending: return a.startsAt < b.startsAt
            case .expired: return a.endsAt > b.endsAt
            }
        }
    }

    /// A `gettableSilence` in go-swagger's field order.
    static func write(_ s: Silence, now: Date, to w: inout JSONWriter) {
        w.raw("{\"id\":")
        w.string(s.id)
        w.raw(",\"status\":{\"state\":")
        w.string(s.state(at: now).rawValue)
        w.raw("},\"updatedAt\":")
        w.date(s.updatedAt)
        w.raw(",\"comment\":")
        w.string(s.comment)
        w.raw(",\"createdBy\":")
        w.string(s.createdBy)
        w.raw(",\"endsAt\":")
        w.date(s.endsAt)
        w.raw(",\"matchers\":[")
        for (i, m) in s.matchers.enumerated() {
            if i > 0 { w.raw(UInt8(ascii: ",")) }
            w.raw("{\"isEqual\":")
            w.raw(m.isNegative ? "false" : "true")
            w.raw(",\"isRegex\":")
            w.raw(m.isRegex ? "true" : "false")
            w.raw(",\"name\":")
            w.string(m.name)
            w.raw(",\"value\":")
            w.string(m.value)
            w.raw(UInt8(ascii: "}"))
        }
        w.raw("],\"startsAt\":")
        w.date(s.startsAt)
        w.raw(UInt8(ascii: "}"))
    }
}
