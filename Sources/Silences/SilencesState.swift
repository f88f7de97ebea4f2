import AlertCore
import Foundation

/// A silence plus the time it may be garbage-collected (`silencepb.MeshSilence`).
package struct MeshSilence: Sendable, Equatable {
    package var silence: Silence
    package var expiresAt: Date
    package init(silence: Silence, expiresAt: Date) {
        self.silence = silence
        self.expiresAt = expiresAt
    }
}

/// The silences store as a pure value: create/update/expire with Alertmanager 0.25's
/// rules, gossip merge, GC. `version` grows on every accepted change so the silencer can
/// cache per-alert results.
package struct SilencesState: Sendable {
    /// `--silences.max-silences` and `--silences.max-silence-size-bytes` (Alertmanager 0.28+):
    /// 0 or less is no limit. They bound local creates and updates, not what peers send.
    package struct Limits: Sendable, Equatable {
        package var maxSilences: Int
        package var maxSilenceSizeBytes: Int
        package init(maxSilences: Int = 0, maxSilenceSizeBytes: Int = 0) {
            self.maxSilences = maxSilences
            self.maxSilenceSizeBytes = maxSilenceSizeBytes
        }
    }

    package var limits = Limits()
    package private(set) var entries: [String: MeshSilence] = [:]
    package private(set) var version = 0
    package let retention: TimeInterval
    /// Narrows `matching` to the silences an alert's labels can satisfy; kept in step with `entries`.
    private var index = SilenceIndex()

    package init(retention: TimeInterval) { self.retention = retention }

    package func get(_ id: String) -> Silence? { entries[id]?.silence }

    /// What a change produced: the id to report and the entries to broadcast to peers.
    package struct Change: Sendable {
        package var id: String
        package var changed: [MeshSilence]
    }

    /// `Silences.Set`: updates in place when `canUpdate` allows, otherwise expires the
    /// previous silence (unless already expired) and stores a new one under a new ID.
    package mutating func set(_ input: Silence, now: Date, newID: () -> String) throws(SilenceError) -> Change {
        var sil = input
        var changed: [MeshSilence] = []
        let prev = sil.id.isEmpty ? nil : entries[sil.id]?.silence
        if !sil.id.isEmpty, prev == nil { throw SilenceError.notFound }
        if let prev, Self.canUpdate(prev, sil, now: now) {
            changed.append(try store(sil, now: now, checkSize: true))
            return Change(id: sil.id, changed: changed)
        }
        // A new silence, or one replacing `prev`: Alertmanager checks the capacity and the
        // size before it expires the previous one, so a refusal changes nothing.
        if limits.maxSilences > 0, entries.count + 1 > limits.maxSilences {
            throw SilenceError(.invalid, "exceeded maximum number of silences: \(entries.count) (limit: \(limits.maxSilences))")
        }
        sil.id = newID()
        if sil.startsAt < now { sil.startsAt = now }
        try checkSize(sil, now: now)
        if let prev, prev.internalState(at: now) != .expired {
            changed.append(try expireInternal(prev, now: now))
        }
        changed.append(try store(sil, now: now))
        return Change(id: sil.id, changed: changed)
    }

    /// `Silences.Expire`: active silences end now; pending ones start and end now;
    /// expired ones stay as they are.
    package mutating func expire(_ id: String, now: Date) throws(SilenceError) -> [MeshSilence] {
        guard let sil = entries[id]?.silence else { throw SilenceError.notFound }
        if sil.internalState(at: now) == .expired { return [] }
        return [try expireInternal(sil, now: now)]
    }

    private mutating func expireInternal(_ input: Silence, now: Date) throws(SilenceError) -> MeshSilence {
        var sil = input
        switch sil.internalState(at: now) {
        case .active: sil.endsAt = now
        case .pending:
            sil.startsAt = now
            sil.endsAt = now
        case .expired: break
        }
        return try store(sil, now: now)
    }

    /// `canUpdate`: same matcher sets, and the timing change is allowed for the current state.
    /// (A silence with several sets changed through the API, which has one, is therefore
    /// replaced by a new silence, as in 0.33.)
    static func canUpdate(_ a: Silence, _ b: Silence, now: Date) -> Bool {
        guard a.effectiveMatcherSets == b.effectiveMatcherSets else { return false }
        switch a.internalState(at: now) {
        case .active:
            // Compared at second precision, as Alertmanager compares them.
            if b.startsAt.timeIntervalSince1970.rounded(.down) != a.startsAt.timeIntervalSince1970.rounded(.down) {
                return false
            }
            return b.endsAt >= now
        case .pending:
            return b.startsAt >= now
        case .expired:
            return false
        }
    }

    /// `checkSizeLimits`: the entry as it would be stored, against `maxSilenceSizeBytes`.
    private func checkSize(_ sil: Silence, now: Date) throws(SilenceError) {
        guard limits.maxSilenceSizeBytes > 0 else { return }
        var stamped = sil
        stamped.updatedAt = now
        let n = SilencesCodec.size(MeshSilence(silence: stamped, expiresAt: stamped.endsAt.addingTimeInterval(retention)))
        if n > limits.maxSilenceSizeBytes {
            throw SilenceError(.invalid, "silence exceeded maximum size: \(n) bytes (limit: \(limits.maxSilenceSizeBytes) bytes)")
        }
    }

    private mutating func store(_ input: Silence, now: Date, checkSize check: Bool = false) throws(SilenceError) -> MeshSilence {
        if check { try checkSize(input, now: now) }
        var sil = input
        sil.updatedAt = now
        if let err = SilenceValidation.validate(sil) { throw SilenceError(.invalid, "silence invalid: \(err)") }
        let mesh = MeshSilence(silence: sil, expiresAt: sil.endsAt.addingTimeInterval(retention))
        // Alertmanager's `setSilence` fails when the entry cannot be marshalled, e.g. an end
        // of 9999-12-31 whose `expires_at` (end + retention) lands in year 10000; its peers
        // could not unmarshal it either.
        if let err = SilencesCodec.marshalError(mesh) { throw SilenceError(.invalid, err) }
        // A local change always wins, even within the clock's resolution of the previous one.
        entries[sil.id] = mesh
        index.insert(sil)
        version += 1
        return mesh
    }

    /// Gossip and local merge: drop expired state; accept an unknown ID or a strictly
    /// later `updatedAt`. Returns whether the entry was accepted (and should be re-broadcast).
    @discardableResult
    package mutating func merge(_ e: MeshSilence, now: Date) -> Bool {
        if e.expiresAt < now { return false }
        let prev = entries.updateValue(e, forKey: e.silence.id)
        if let prev, !(prev.silence.updatedAt < e.silence.updatedAt) {
            entries[e.silence.id] = prev
            return false
        }
        index.insert(e.silence, isNew: prev == nil)
        version += 1
        return true
    }

    /// Makes room for `count` more silences at once (a snapshot at start-up), instead of
    /// growing the table a few times over.
    package mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(entries.count + count)
    }

    /// Undoes a local change the disk refused: puts back what `id` held before (or removes
    /// it), unless a later change replaced `current` meanwhile.
    package mutating func restore(_ id: String, to previous: MeshSilence?, ifStill current: MeshSilence) {
        guard entries[id] == current else { return }
        entries[id] = previous
        if let previous { index.insert(previous.silence) } else { index.remove(id) }
        version += 1
    }

    /// Deletes entries whose `expiresAt` is not after `now`; returns how many.
    package mutating func gc(now: Date) -> Int {
        let gone = entries.values.filter { !($0.expiresAt > now) }.map(\.silence.id)
        for id in gone {
            entries[id] = nil
            index.remove(id)
        }
        if !gone.isEmpty { version += 1 }
        return gone.count
    }

    /// Silences that are active or pending at `now` and match `labels`. Only the index's
    /// candidates are tested; the result is the same as testing every entry.
    package func matching(_ labels: LabelSet, now: Date) -> [Silence] {
        var out: [Silence] = []
        index.forEachCandidate(labels) { id in
            guard let s = entries[id]?.silence else { return }
            if s.state(at: now) != .expired, s.matches(labels) { out.append(s) }
        }
        return out
    }
}
