import AlertCore
import Foundation
import SwiftProtobuf
import Wire

/// Conversion between silences and Alertmanager's protobuf form (`silencepb.MeshSilence`),
/// used for the snapshot file in `--storage.path` and for gossip.
package enum SilencesCodec {
    package static func encode(_ e: MeshSilence) -> Silencepb_MeshSilence {
        var pb = Silencepb_Silence()
        pb.id = e.silence.id
        pb.matchers = e.silence.matchers.map { m in
            var pm = Silencepb_Matcher()
            pm.name = m.name
            pm.pattern = m.value
            switch m.type {
            case .equal: pm.type = .equal
            case .notEqual: pm.type = .notEqual
            case .regexp: pm.type = .regexp
            case .notRegexp: pm.type = .notRegexp
            }
            return pm
        }
        // gogo always writes its stdtime fields, so assign every timestamp.
        pb.startsAt = timestamp(e.silence.startsAt)
        pb.endsAt = timestamp(e.silence.endsAt)
        pb.updatedAt = timestamp(e.silence.updatedAt)
        pb.createdBy = e.silence.createdBy
        pb.comment = e.silence.comment
        pb.annotations = e.silence.annotations
        if !e.silence.extraFields.isEmpty {
            // Merging appends: these fields are empty here, so they come back as they were.
            try? pb.merge(serializedBytes: e.silence.extraFields)
        }
        var mesh = Silencepb_MeshSilence()
        mesh.silence = pb
        mesh.expiresAt = timestamp(e.expiresAt)
        return mesh
    }

    /// Decodes one entry; a `MeshSilence` without a silence is Alertmanager's "invalid state".
    /// Timestamps outside years 1..9999 fail the entry as gogo's unmarshaller fails it (in
    /// wire order: the silence's times, then `expires_at`); Alertmanager rejects the whole
    /// buffer then, and a time like that would not survive our own formatting either.
    package static func decode(_ mesh: Silencepb_MeshSilence) throws(SilenceError) -> MeshSilence {
        guard mesh.hasSilence else { throw SilenceError(.corruptSnapshot, "invalid state: silence missing") }
        let pb = mesh.silence
        for t in [pb.startsAt, pb.endsAt, pb.updatedAt, mesh.expiresAt] {
            if let err = t.goRangeError { throw SilenceError(.corruptSnapshot, err) }
        }
        var matchers = try Self.matchers(pb.matchers, silence: pb.id)
        // 0.33 writes its first set to the 0.25 field too, and reads the sets when there are
        // any (`postprocessUnmarshalledSilence`).
        let sets = try pb.matcherSets.map { set throws(SilenceError) in try Self.matchers(set.matchers, silence: pb.id) }
        if let first = sets.first { matchers = first }
        var createdBy = pb.createdBy, comment = pb.comment
        // The legacy comment list moved into created_by/comment (Alertmanager upgrades it on load).
        if let first = pb.comments.first, createdBy.isEmpty, comment.isEmpty {
            createdBy = first.author
            comment = first.comment
        }
        var sil = Silence(id: pb.id, matchers: matchers, startsAt: date(pb.startsAt), endsAt: date(pb.endsAt),
                          updatedAt: date(pb.updatedAt), createdBy: createdBy, comment: comment)
        sil.annotations = pb.annotations
        if sets.count > 1 { sil.matcherSets = sets }
        sil.extraFields = extraFields(of: pb)
        return MeshSilence(silence: sil, expiresAt: date(mesh.expiresAt))
    }

    static func matchers(_ list: [Silencepb_Matcher], silence id: String) throws(SilenceError) -> [Matcher] {
        var matchers: [Matcher] = []
        for pm in list {
            let type: MatchType
            switch pm.type {
            case .equal: type = .equal
            case .notEqual: type = .notEqual
            case .regexp: type = .regexp
            case .notRegexp: type = .notRegexp
            case .UNRECOGNIZED(let v): throw SilenceError(.corruptSnapshot, "unknown matcher type \(v)")
            }
            do { matchers.append(try Matcher(type, pm.name, pm.pattern)) } catch {
                throw SilenceError(.corruptSnapshot, "invalid matcher in silence \(id): \(error.message)")
            }
        }
        return matchers
    }

    /// The bytes of the fields `Silence` does not carry (see `Silence.extraFields`).
    static func extraFields(of pb: Silencepb_Silence) -> [UInt8] {
        guard !pb.matcherSets.isEmpty || !pb.receiverMatcherSets.isEmpty || !pb.unknownFields.data.isEmpty else { return [] }
        var extra = Silencepb_Silence()
        extra.matcherSets = pb.matcherSets
        extra.receiverMatcherSets = pb.receiverMatcherSets
        extra.unknownFields = pb.unknownFields
        return (try? extra.serializedBytes()) ?? []
    }

    /// Why Alertmanager could not marshal this entry (`marshalMeshSilence` in `Silences.Set`),
    /// nil if it can: a timestamp out of gogo's range. Checked in gogo's marshal order
    /// (`expires_at` first, then the silence's fields from the last one back).
    static func marshalError(_ e: MeshSilence) -> String? {
        for d in [e.expiresAt, e.silence.updatedAt, e.silence.endsAt, e.silence.startsAt] {
            if let err = timestamp(d).goRangeError { return err }
        }
        return nil
    }

    /// The entry's protobuf size (Go's `proto.Size`), which `--silences.max-silence-size-bytes`
    /// bounds.
    static func size(_ e: MeshSilence) -> Int {
        let bytes: [UInt8] = (try? encode(e).serializedBytes()) ?? []
        return bytes.count
    }

    /// The snapshot file: varint-delimited `MeshSilence` messages.
    package static func snapshot(_ entries: [MeshSilence]) -> [UInt8] {
        (try? Delimited.write(entries.map(encode))) ?? []
    }

    /// Result of loading a snapshot: what was valid, and the error that stopped reading, if any.
    package struct Loaded: Sendable {
        package var entries: [MeshSilence]
        package var error: String?
    }

    /// Loads a snapshot, keeping every valid entry before a corrupt or truncated part.
    package static func load(_ bytes: [UInt8]) -> Loaded {
        var out: [MeshSilence] = []
        let (messages, damage) = Delimited.readPrefix(bytes, as: Silencepb_MeshSilence.self)
        var firstError = damage?.description
        for m in messages {
            do { out.append(try decode(m)) } catch {
                if firstError == nil { firstError = error.message }
            }
        }
        return Loaded(entries: out, error: firstError)
    }

    static func timestamp(_ d: Date) -> Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(exactly: d) }

    static func date(_ t: Google_Protobuf_Timestamp) -> Date { t.asDate }
}
