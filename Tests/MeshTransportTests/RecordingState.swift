import Foundation
import Mesh
import Wire

/// A `"sil"` store that records every silence it receives, by delta or full state, decoding
/// the delimited `MeshSilence`s as Alertmanager sends them.
/// `@unchecked Sendable`: all state is guarded by `lock`.
final class RecordingSilences: ReplicatedState, @unchecked Sendable {
    let key = "sil"
    private let lock = NSLock()
    private var seen: [String: (silence: Silencepb_MeshSilence, at: ContinuousClock.Instant, viaFullState: Bool)] = [:]
    private(set) var decodeErrors = 0

    func fullState() -> [UInt8] {
        let all = lock.withLock { seen.values.map(\.silence) }
        return (try? Delimited.write(all)) ?? []
    }

    func mergeFull(_ data: [UInt8]) throws {
        _ = record(data, viaFullState: true)
    }

    func mergeDelta(_ data: [UInt8]) -> Bool { record(data, viaFullState: false) }

    private func record(_ data: [UInt8], viaFullState: Bool) -> Bool {
        guard let silences = try? Delimited.read(data, as: Silencepb_MeshSilence.self) else {
            lock.withLock { decodeErrors += 1 }
            return false
        }
        let now = ContinuousClock.now
        return lock.withLock {
            var accepted = false
            for mesh in silences where mesh.hasSilence {
                if let old = seen[mesh.silence.id], old.silence.silence.updatedAt.seconds >= mesh.silence.updatedAt.seconds,
                   old.silence.silence.updatedAt.nanos >= mesh.silence.updatedAt.nanos { continue }
                seen[mesh.silence.id] = (mesh, now, viaFullState)
                accepted = true
            }
            return accepted
        }
    }

    func received(_ id: String) -> (silence: Silencepb_MeshSilence, at: ContinuousClock.Instant, viaFullState: Bool)? {
        lock.withLock { seen[id] }
    }

    /// A local silence as Alertmanager's `Set` builds it; returns the delimited delta.
    func makeLocal(id: String, alertname: String) -> [UInt8] {
        let now = Date()
        func stamp(_ date: Date) -> Google_Protobuf_Timestamp {
            Google_Protobuf_Timestamp(seconds: Int64(date.timeIntervalSince1970), nanos: 0)
        }
        var matcher = Silencepb_Matcher()
        matcher.name = "alertname"
        matcher.pattern = alertname
        var silence = Silencepb_Silence()
        silence.id = id
        silence.matchers = [matcher]
        silence.startsAt = stamp(now)
        silence.endsAt = stamp(now.addingTimeInterval(3600))
        silence.updatedAt = stamp(now)
        silence.createdBy = "tocsin"
        silence.comment = "from the swift mesh"
        var mesh = Silencepb_MeshSilence()
        mesh.silence = silence
        mesh.expiresAt = stamp(now.addingTimeInterval(3600 + 120 * 3600))
        lock.withLock { seen[id] = (mesh, ContinuousClock.now, false) }
        return (try? Delimited.write(mesh)) ?? []
    }
}

import SwiftProtobuf
