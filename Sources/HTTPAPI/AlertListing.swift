import APIModel
import AlertCore
import AlertStore
import Foundation
import Hummingbird

/// The answer of a full `GET /api/v2/alerts` between filtering and writing, kept small: per
/// listed alert its fingerprint and two positions (16 bytes), not the alert. The alerts are
/// read back from the store chunk by chunk while the body is written, so a listing of a
/// million alerts holds 16 MB instead of every alert with its status and receivers.
///
/// Statuses and receiver lists are stored once per run of equal values (most alerts of a
/// shard have the same), and rows point at them.
struct AlertListing: Sendable {
    struct Row: Sendable {
        var fingerprint: UInt64
        var status: UInt32
        var receivers: UInt32
    }

    var rows: [Row] = []
    var statuses: [AlertStatus] = []
    var receivers: [[String]] = []

    /// Adds one listed alert; equal to the previous one's, its status and receivers are shared.
    mutating func append(_ fp: Fingerprint, status: AlertStatus, receivers r: [String]) {
        if statuses.last != status { statuses.append(status) }
        if receivers.last != r { receivers.append(r) }
        rows.append(Row(fingerprint: fp.rawValue, status: UInt32(statuses.count - 1), receivers: UInt32(receivers.count - 1)))
    }

    /// The parts (one per shard) in one listing sorted by fingerprint (= the order of the
    /// `%016x` strings Alertmanager sorts by). Each part is released once merged.
    static func merged(_ parts: [AlertListing]) -> AlertListing {
        var parts = parts
        var out = AlertListing()
        out.rows.reserveCapacity(parts.reduce(0) { $0 + $1.rows.count })
        for p in parts.indices {
            let (s, r) = (UInt32(out.statuses.count), UInt32(out.receivers.count))
            out.statuses.append(contentsOf: parts[p].statuses)
            out.receivers.append(contentsOf: parts[p].receivers)
            for row in parts[p].rows {
                out.rows.append(Row(fingerprint: row.fingerprint, status: row.status + s, receivers: row.receivers + r))
            }
            parts[p] = AlertListing()
        }
        out.rows.sort { $0.fingerprint < $1.fingerprint }
        return out
    }

    /// Streams `[gettableAlert,...]` + newline (Go's `json.Encoder` output) in ~64 KiB chunks;
    /// each chunk waits for the connection to take the previous one (backpressure). Each
    /// alert is read from `store` when its turn comes: one removed meanwhile (GC) is left
    /// out, as is one that has expired by `now` (the request's time) since it was filtered.
    func stream(from store: InMemoryAlerts, now: Date) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = ResponseBody { writer in
            var w = JSONWriter(capacity: 80 << 10)
            w.raw(UInt8(ascii: "["))
            var first = true
            for row in rows {
                let fp = Fingerprint(row.fingerprint)
                guard let a = store.get(fp), a.endsAt.isGoZero || a.endsAt >= now else { continue }
                if !first { w.raw(UInt8(ascii: ",")) }
                first = false
                w.gettableAlert(ListedAlert(alert: a, fingerprint: fp, status: statuses[Int(row.status)],
                                            receivers: receivers[Int(row.receivers)]))
                if w.bytes.count >= 64 << 10 {
                    try await writer.write(ByteBuffer(bytes: w.bytes))
                    w.bytes.removeAll(keepingCapacity: true)
                }
            }
            w.raw("]\n")
            try await writer.write(ByteBuffer(bytes: w.bytes))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
