import APIModel
import AlertCore
import Foundation
import GoCompat
import Hummingbird
import Silences

/// The silences endpoints of API v2 (`GET/POST /silences`, `GET/DELETE /silence/{id}`),
/// with Alertmanager 0.25's status codes, error bodies and ordering; DELETE of an unknown
/// ID answers 404 as 0.26+ does (0.25 answered 500).
package enum SilencesAPI {
    package static func endpoints(_ silences: SilenceStore, parser: MatcherParser = MatcherParser(),
                              clock: any TimeSource = WallClock(), maxBodyBytes: Int = 1 << 20,
                              maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize,
                              rejections: APIRejections = APIRejections()) -> [HTTPEndpoint] {
        let cache = SilenceJSONCache()
        return [
            HTTPEndpoint(.get, "/api/v2/silences") { req, _ in
                list(silences, query: QueryString(req.uri.query), parser: parser, now: clock.now(), cache: cache,
                     maxRegexProgramSize: maxRegexProgramSize, rejections: rejections)
            },
            HTTPEndpoint(.post, "/api/v2/silences") { req, _ in
                let body: ByteBuffer
                do { body = try await req.body.collect(upTo: maxBodyBytes) } catch {
                    rejections.reject(.bodyTooLarge, "POST /api/v2/silences body over \(maxBodyBytes) bytes")
                    return Responses.apiError(code: 413, "request body larger than \(maxBodyBytes) bytes", status: .contentTooLarge)
                }
                // Encode a stored silence for the listing cache now, on the write path, so the
                // next GET /silences copies it instead of encoding it.
                return await post(silences, body: Array(buffer: body), now: clock.now(),
                                  maxRegexProgramSize: maxRegexProgramSize, rejections: rejections) { id in
                    if let s = silences.get(id) { cache.record(used: [], fresh: [SilenceJSONCache.Entry(s)], complete: false) }
                }
            },
            HTTPEndpoint(.get, "/api/v2/silence/{silenceID}") { _, context in
                let id = context.pathParameter("silenceID") ?? ""
                if let bad = badUUID(id) { return bad }
                guard let s = silences.get(id) else { return Response(status: .notFound) }
                var w = JSONWriter()
                write(s, now: clock.now(), to: &w)
                w.raw(UInt8(ascii: "\n"))
                return Responses.bytes(w.bytes)
            },
            HTTPEndpoint(.delete, "/api/v2/silence/{silenceID}") { _, context in
                let id = context.pathParameter("silenceID") ?? ""
                if let bad = badUUID(id) { return bad }
                do throws(SilenceError) { try await silences.expireDurably(id) } catch {
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
    /// With `cache`, unchanged silences are copied from their cached encoding.
    static func list(_ silences: SilenceStore, query: QueryString, parser: MatcherParser, now: Date,
                     cache: SilenceJSONCache? = nil,
                     maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize,
                     rejections: APIRejections? = nil) -> Response {
        var filters: [Matcher] = []
        for f in query.all("filter") {
            do {
                let m = try parser.parseMatcher(f, origin: "api")
                if let tooLarge = m.regexTooLarge(maxRegexProgramSize) {
                    rejections?.reject(.regexTooLarge, tooLarge)
                    return Responses.jsonString(tooLarge, status: .badRequest)
                }
                filters.append(m)
            } catch {
                return Responses.jsonString(error.message, status: .badRequest)
            }
        }
        // 0.34's `active`, `expired` and `pending` switches (each true unless given as false).
        var states = Set<SilenceState>()
        if query.bool("active") { states.insert(.active) }
        if query.bool("expired") { states.insert(.expired) }
        if query.bool("pending") { states.insert(.pending) }
        if let cache { return jsonResponse(cachedListing(silences, filters: filters, states: states, now: now, cache: cache)) }
        let all = silences.all()
        let order = sortedIndices(all, selectedIndices(all, filters, states: states, now: now), now: now)
        return Responses.bytes(body(all, order, now: now))
    }

    /// The listing through `cache`: the kept unfiltered listing when it is still current,
    /// otherwise built from the cached encodings of unchanged silences (and kept when unfiltered).
    static func cachedListing(_ silences: SilenceStore, filters: [Matcher], states: Set<SilenceState> = Set(SilenceState.allCases),
                              now: Date, cache: SilenceJSONCache) -> ByteBuffer {
        let unfiltered = filters.isEmpty && states.count == SilenceState.allCases.count
        if unfiltered, let body = cache.listing(version: silences.version, now: now) { return body }
        let (version, all) = silences.allVersioned()
        let order = sortedIndices(all, selectedIndices(all, filters, states: states, now: now), now: now)
        let buf = cachedBody(all, order, now: now, cache: cache, complete: unfiltered)
        if unfiltered { cache.keepListing(buf, of: all, version: version, now: now) }
        return buf
    }

    /// Positions in `all` of the silences that have every filter among the matchers of one of
    /// their sets (0.33 checks each set of a silence with several) and are
    /// in one of `states`, as the store's query sees them (`endsAt` inclusive, as 0.34's `QState`).
    static func selectedIndices(_ all: [Silence], _ filters: [Matcher],
                                states: Set<SilenceState> = Set(SilenceState.allCases), now: Date = Date()) -> [Int] {
        var selected: [Int] = []
        selected.reserveCapacity(all.count)
        let everyState = states.count == SilenceState.allCases.count
        for i in all.indices where all[i].effectiveMatcherSets.contains(where: { set in
            filters.allSatisfy { f in set.contains { $0 == f } }
        }) {
            if everyState || states.contains(all[i].internalState(at: now)) { selected.append(i) }
        }
        return selected
    }

    private static func jsonResponse(_ buf: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buf))
    }

    /// The listing of `order`, encoded afresh.
    static func body(_ all: [Silence], _ order: [Int], now: Date) -> [UInt8] {
        var w = JSONWriter(capacity: 512 * max(1, order.count))
        w.raw(UInt8(ascii: "["))
        for (n, i) in order.enumerated() {
            if n > 0 { w.raw(UInt8(ascii: ",")) }
            write(all[i], now: now, to: &w)
        }
        w.raw("]\n")
        return w.bytes
    }

    /// The listing of `order` from `cache` (encoding and caching the silences it misses),
    /// written straight into the response buffer.
    static func cachedBody(_ all: [Silence], _ order: [Int], now: Date, cache: SilenceJSONCache, complete: Bool) -> ByteBuffer {
        let cached = cache.snapshot()
        var used: [SilenceJSONCache.Entry] = []
        used.reserveCapacity(order.count)
        var fresh: [SilenceJSONCache.Entry] = []
        var size = 2
        for i in order {
            let s = all[i]
            let e: SilenceJSONCache.Entry
            if let c = cached[s.id], c.silence == s { e = c } else {
                e = SilenceJSONCache.Entry(s)
                fresh.append(e)
            }
            used.append(e)
            size += e.json.count + 32
        }
        var buf = ByteBuffer()
        buf.reserveCapacity(size)
        buf.writeInteger(UInt8(ascii: "["))
        for (n, e) in used.enumerated() {
            if n > 0 { buf.writeInteger(UInt8(ascii: ",")) }
            e.write(state: e.silence.state(at: now), to: &buf)
        }
        buf.writeStaticString("]\n")
        if !fresh.isEmpty || (complete && cached.count != used.count) {
            cache.record(used: used, fresh: fresh, complete: complete)
        }
        return buf
    }

    /// `sortForAPI`'s order as indices into `list` (restricted to `selected`): sorting small
    /// keys instead of the silences avoids moving their refcounted fields around (10k silences).
    static func sortedIndices(_ list: [Silence], _ selected: [Int], now: Date) -> [Int] {
        var keys: [(rank: Int, time: Double, index: Int)] = []
        keys.reserveCapacity(selected.count)
        for i in selected {
            let s = list[i]
            switch s.state(at: now) {
            case .active: keys.append((0, s.endsAt.timeIntervalSinceReferenceDate, i))
            case .pending: keys.append((1, s.startsAt.timeIntervalSinceReferenceDate, i))
            // Most recently ended first.
            case .expired: keys.append((2, -s.endsAt.timeIntervalSinceReferenceDate, i))
            }
        }
        keys.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.time < $1.time }
        return keys.map(\.index)
    }

    /// Alertmanager's `SortSilences`.
    package static func sortForAPI(_ list: [Silence], now: Date) -> [Silence] {
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
        writeHead(s, to: &w)
        w.raw(",\"status\":{\"state\":")
        w.string(s.state(at: now).rawValue)
        w.raw(UInt8(ascii: "}"))
        writeTail(s, to: &w)
    }

    /// The members before `status`: `{"id":...`.
    static func writeHead(_ s: Silence, to w: inout JSONWriter) {
        w.raw("{\"id\":")
        w.string(s.id)
    }

    /// The members after `status`, through the closing brace.
    static func writeTail(_ s: Silence, to w: inout JSONWriter) {
        w.raw(",\"updatedAt\":")
        w.date(s.updatedAt)
        if !s.annotations.isEmpty {
            // 0.32+: `models.Silence.Annotations`, omitted when empty, keys sorted as Go sorts a map.
            w.raw(",\"annotations\":{")
            for (i, k) in s.annotations.keys.sorted().enumerated() {
                if i > 0 { w.raw(UInt8(ascii: ",")) }
                w.string(k)
                w.raw(UInt8(ascii: ":"))
                w.string(s.annotations[k] ?? "")
            }
            w.raw(UInt8(ascii: "}"))
        }
        w.raw(",\"comment\":")
        w.string(s.comment)
        w.raw(",\"createdBy\":")
        w.string(s.createdBy)
        w.raw(",\"endsAt\":")
        w.date(s.endsAt)
        w.raw(",\"matchers\":")
        w.array(s.matchers) { $0.matcher(APIMatcher($1)) }
        w.raw(",\"startsAt\":")
        w.date(s.startsAt)
        w.raw(UInt8(ascii: "}"))
    }
}
