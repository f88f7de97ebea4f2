import Mesh
import Silences
import Wire

/// The silences store as the mesh's `"sil"` channel (Alertmanager's `silences.go`
/// `MarshalBinary`/`Merge`): full state = the snapshot bytes, deltas = delimited
/// `MeshSilence` messages merged with Alertmanager's rules. Its own module, so that the
/// stores never import the mesh and the server and the fuzz targets share one adapter.
package final class SilencesReplica: ReplicatedState {
    package let key = "sil"
    package let silences: SilenceStore

    package init(_ silences: SilenceStore) { self.silences = silences }

    package func fullState() -> [UInt8] { silences.snapshot() }

    /// Like Alertmanager's `Silences.Merge`, every entry is decoded before any is merged:
    /// one bad entry (e.g. a timestamp past 9999) rejects the whole buffer.
    package func mergeFull(_ data: [UInt8]) throws {
        for e in try decodeAll(data) { silences.merge(e) }
    }

    package func mergeDelta(_ data: [UInt8]) -> Bool {
        guard let entries = try? decodeAll(data) else { return false }
        var accepted = false
        for e in entries where silences.merge(e) { accepted = true }
        return accepted
    }

    private func decodeAll(_ data: [UInt8]) throws -> [MeshSilence] {
        try Delimited.read(data, as: Silencepb_MeshSilence.self).map { m throws in try SilencesCodec.decode(m) }
    }

    /// Gossips local changes (and merged ones: a store's change hook fires for both, as
    /// Alertmanager re-broadcasts what it accepted): each change as one delimited message.
    package func connect(broadcast: @escaping @Sendable ([UInt8]) -> Void) {
        silences.setOnChange { entries in
            for e in entries {
                if let bytes = try? Delimited.write(SilencesCodec.encode(e)) { broadcast(bytes) }
            }
        }
    }
}
