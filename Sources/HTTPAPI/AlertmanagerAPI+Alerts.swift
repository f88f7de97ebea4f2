import APIModel
import AlertCore
import AlertStore
import Foundation
import Hummingbird

extension AlertmanagerAPI {
    /// `POST /api/v2/alerts` (Alertmanager 0.25 `postAlertsHandler`): body binding errors are
    /// go-openapi's 400/422; valid alerts are stored even when others fail validation, and the
    /// validation messages come back joined by "; " as a JSON string with 400.
    func postAlerts(_ request: Request) async throws -> Response {
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: config.maxBodyBytes) } catch let e as any HTTPResponseError
            where e.status == .contentTooLarge
        {
            rejections.reject(.bodyTooLarge, "POST /api/v2/alerts body over \(config.maxBodyBytes) bytes")
            return Responses.apiError(code: 413, "request body larger than \(config.maxBodyBytes) bytes",
                                      status: .contentTooLarge)
        }
        let decoded: Result<[PostableAlert], PostableAlertsError> = body.withUnsafeReadableBytes { raw in
            Result { () throws(PostableAlertsError) in
                try PostableAlertDecoder.decode(raw.assumingMemoryBound(to: UInt8.self))
            }
        }
        let batch: [PostableAlert]
        switch decoded {
        case .success(let b): batch = b
        case .failure(.parse(let msg)):
            return Responses.apiError(code: 400, "parsing alerts body from \"\" failed, because \(msg)",
                                      status: .badRequest)
        case .failure(.validation(let code, let msg)):
            return Responses.apiError(code: code, msg, status: .unprocessableContent)
        }
        let limits = config.alertLimits
        if limits.maxAlertsPerRequest > 0, batch.count > limits.maxAlertsPerRequest {
            let msg = "too many alerts in one request: \(batch.count), more than the limit of \(limits.maxAlertsPerRequest)"
            rejections.reject(.tooManyAlertsInRequest, msg)
            return Responses.jsonString(msg, status: .badRequest)
        }
        let now = clock.now()
        var result = AlertIngest.process(batch, now: now, resolveTimeout: backend.resolveTimeout(),
                                         utf8LabelNames: config.utf8LabelNames, limits: limits)
        for (reason, msg) in result.rejected { rejections.reject(reason, msg) }
        if result.firing > 0 { metrics.receivedFiring.increment(by: result.firing) }
        if result.resolved > 0 { metrics.receivedResolved.increment(by: result.resolved) }
        if !result.errors.isEmpty { metrics.invalid.increment(by: result.errors.count) }
        let (_, refused) = store.put(result.valid, now: now, maxAlerts: limits.maxAlerts)
        if !refused.isEmpty {
            // Valid alerts the full store could not take: reported like invalid ones, the rest kept.
            let msg = "alert store full: it holds the limit of \(limits.maxAlerts) alerts"
            rejections.reject(.storeFull, msg, count: refused.count)
            metrics.invalid.increment(by: refused.count)
            result.errors.append(contentsOf: refused.map { _ in msg })
        }
        if !result.errors.isEmpty {
            return Responses.jsonString(result.errors.joined(separator: "; "), status: .badRequest)
        }
        return Response(status: .ok)
    }

    /// `GET /api/v2/alerts`: every stored, unresolved alert passing the filters, with its
    /// receivers (current route tree) and re-evaluated status, sorted by fingerprint. Equality
    /// filters are served by the store's label-pair index (only the alerts carrying the
    /// pairs are read, re-evaluated and matched); otherwise every alert is. Shards are
    /// filtered concurrently into an `AlertListing` (fingerprints and statuses, not the
    /// alerts); the body is then encoded and streamed in chunks, each alert read back from
    /// the store as it is written. Filtering stops when `guard` says so (client gone,
    /// `--web.timeout`, shutdown); writing has begun only once filtering is complete, so a
    /// timeout still answers 503 as before.
    func getAlerts(_ request: Request, guard requestGuard: RequestGuard) async -> Response {
        let query: AlertQuery, receiverMatchers: ReceiverMatchers
        switch alertQuery(request) {
        case .success(let q): (query, receiverMatchers) = q
        case .failure(let refused): return refused.response
        }
        let now = clock.now()
        let (backend, store) = (self.backend, self.store)
        let byReceiver = ReceiverFilter(matchers: receiverMatchers,
                                        labels: receiverMatchers.isEmpty ? [:] : backend.receiverLabels())
        let pairs = query.indexedPairs
        let outcome = await requestGuard.run { stop in
            await withTaskGroup(of: AlertListing.self) { group in
                // Each task reads its shard when it runs (not all shards up front), so only the
                // shards being filtered are copied at any time.
                for shard in 0..<store.shardCount {
                    group.addTask {
                        await RequestGuard.offPool {
                            let part = store.entries(inShard: shard, carrying: pairs)
                            return Self.filter(part, query: query, receivers: byReceiver, now: now,
                                               backend: backend, stop: stop)
                        }
                    }
                }
                var parts: [AlertListing] = []
                for await part in group where !part.rows.isEmpty { parts.append(part) }
                return AlertListing.merged(parts)
            }
        }
        switch outcome {
        case .success(let listing): return listing.stream(from: store, now: now)
        case .failure(let e): return requestGuard.response(e.reason)
        }
    }

    /// The listings' query parameters and `receiver_matchers`, or the 400 to answer (a regex
    /// over the limit counted).
    func alertQuery(_ request: Request) -> Result<(AlertQuery, ReceiverMatchers), RefusedQuery> {
        let query = AlertQuery.parse(QueryString(request.uri.query), parser: config.matcherParser,
                                     maxRegexProgramSize: config.maxRegexProgramSize).mapError { e in
            if e.regexTooLarge { rejections.reject(.regexTooLarge, e.text) }
            return RefusedQuery(response: Responses.jsonString(e.text, status: .badRequest))
        }
        return query.flatMap { q in
            ReceiverMatchers.parse(request, parser: config.matcherParser).map { (q, $0) }
        }
    }

    /// The per-alert steps of 0.25's `getAlertsHandler`, in its order: receiver filter (with
    /// 0.34's `receiver_matchers` right after the name regex, as there), expiry, mute re-evaluation (written to the marker for every alert passing those two,
    /// as Alertmanager does before its state filters), then the state and label filters.
    /// The re-evaluation is done for the whole shard in one backend call (shared locks once
    /// per shard, not per alert). Route matching has no side effect, so without a receiver
    /// filter receivers are only computed for the alerts listed; fingerprints are the store's.
    /// Once `stop` is set the rest is skipped (the answer is discarded).
    static func filter(_ entries: [(fingerprint: Fingerprint, alert: Alert)], query: AlertQuery,
                       receivers byReceiver: ReceiverFilter = ReceiverFilter(), now: Date,
                       backend: any APIBackend, stop: RequestStop = RequestStop()) -> AlertListing {
        var kept: [Int] = []
        var receivers: [[String]] = []
        kept.reserveCapacity(entries.count)
        let routesFirst = query.receiver != nil || !byReceiver.matchers.isEmpty
        for i in entries.indices {
            if routesFirst {
                let r = backend.receivers(for: entries[i].alert.labels)
                if !query.receiverMatches(r) || !byReceiver.matchers.admitsAny(r, labels: byReceiver.labels) { continue }
                receivers.append(r)
            }
            let endsAt = entries[i].alert.endsAt
            if !endsAt.isGoZero, endsAt < now {
                if routesFirst { receivers.removeLast() }
                continue
            }
            kept.append(i)
        }
        let toEvaluate = kept.count == entries.count ? entries : kept.map { entries[$0] }
        let statuses = backend.evaluateMutes(toEvaluate)
        var out = AlertListing()
        for (k, i) in kept.enumerated() {
            let status = statuses[k]
            if !query.admits(status) { continue }
            guard let passes = query.matchesFilter(entries[i].alert.labels, interrupt: { stop.isSet }) else {
                return AlertListing()
            }
            if !passes { continue }
            let r = routesFirst ? receivers[k] : backend.receivers(for: entries[i].alert.labels)
            out.append(entries[i].fingerprint, status: status, receivers: r)
        }
        return out
    }
}

/// `receiver_matchers` with the receivers' labels of the configuration it is checked against.
struct ReceiverFilter: Sendable {
    var matchers = ReceiverMatchers.none
    var labels: [String: [String: String]] = [:]
}

/// A listing query answered with a 400 before any work.
struct RefusedQuery: Error {
    let response: Response
}
