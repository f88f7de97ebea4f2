import AlertCore
import Foundation
import Metrics
import Synchronization
import Wire

/// The silences store shared by the API, the silencer and (later) the mesh: the pure
/// `SilencesState` behind a lock, plus snapshots, metrics and a change hook for gossip.
package final class SilenceStore: Sendable {
    private let state: Mutex<SilencesState>
    private let clock: any TimeSource
    private let onChange: Mutex<Callback<[MeshSilence]>?>
    /// `--log.silences`: told of each local create, update and expiry.
    private let changeLog = Mutex<Callback<(String, Silence)>?>(nil)
    private let queries = Counter(label: "alertmanager_silences_queries_total")
    private let queryErrors = Counter(label: "alertmanager_silences_query_errors_total")
    private let gcDuration = Metrics.Timer(label: "alertmanager_silences_gc_duration_seconds")
    private let snapshotDuration = Metrics.Timer(label: "alertmanager_silences_snapshot_duration_seconds")
    private let snapshotSize = Gauge(label: "alertmanager_silences_snapshot_size_bytes")
    /// Where local changes are made durable (`persistChanges`); nil: nowhere (tests, tocsinctl).
    private let journal = Mutex<SnapshotJournal?>(nil)

    package init(retention: TimeInterval, clock: any TimeSource) {
        state = Mutex(SilencesState(retention: retention))
        self.clock = clock
        onChange = Mutex(nil)
    }

    /// Makes every later local change durable in `path` (the snapshot file, appended to):
    /// `setDurably`/`expireDurably` return once it is on disk, and `writeSnapshot()` rewrites
    /// the file in order with the appends. Call after `loadSnapshot` and a first full write
    /// of `snapshot()`, so appends start on a complete file.
    package func persistChanges(to path: String, onError: @escaping @Sendable (String) -> Void) {
        persistChanges(to: SnapshotJournal(path: path, onError: onError))
    }

    /// `persistChanges` through a given journal (tests watch its batches).
    package func persistChanges(to journal: SnapshotJournal) {
        self.journal.withLock { $0 = journal }
    }

    /// Called with every locally created or changed entry (to broadcast to peers).
    package func setOnChange(_ f: @escaping @Sendable ([MeshSilence]) -> Void) { onChange.withLock { $0 = Callback(f) } }

    /// Calls `f` after each local change with what happened ("create silence", "update
    /// silence", "expire silence", Alertmanager's `--log.silences` messages) and the silence.
    package func setChangeLog(_ f: @escaping @Sendable (String, Silence) -> Void) { changeLog.withLock { $0 = Callback(f) } }

    package var version: Int { state.withLock { $0.version } }

    /// `--silences.max-silences` and `--silences.max-silence-size-bytes`.
    package var limits: SilencesState.Limits {
        get { state.withLock { $0.limits } }
        set { state.withLock { $0.limits = newValue } }
    }

    /// Creates or updates a silence; returns its (possibly new) ID. Durable only once the
    /// file caught up: the API uses `setDurably`.
    package func set(_ s: Silence) throws(SilenceError) -> String {
        let change = try setJournaled(s)
        notify(change.changed)
        return change.id
    }

    /// `set`, returning once the change is on disk (when `persistChanges` was called).
    /// If it cannot be written (a full disk), the change is undone and not gossiped, and
    /// the error (kind `.storage`) says so: an acknowledged silence is durable or refused.
    package func setDurably(_ s: Silence) async throws(SilenceError) -> String {
        let change = try setJournaled(s)
        try await makeDurable(change)
        return change.id
    }

    /// Expires a silence (`DELETE /api/v2/silence/{id}`).
    package func expire(_ id: String) throws(SilenceError) { notify(try expireJournaled(id).changed) }

    /// `expire`, returning once the change is on disk, or undone as in `setDurably`.
    package func expireDurably(_ id: String) async throws(SilenceError) {
        try await makeDurable(try expireJournaled(id))
    }

    /// A change applied in memory and queued for the file.
    private struct Journaled {
        var id: String
        var changed: [MeshSilence]
        /// What each changed ID held before (nil: nothing), to undo a change the disk refused.
        var previous: [(id: String, entry: MeshSilence?)]
        var seq: UInt64?
    }

    /// Waits for the change's write; gossips it once it is on disk, undoes it if it failed.
    private func makeDurable(_ change: Journaled) async throws(SilenceError) {
        if let seq = change.seq, let j = journal.withLock({ $0 }), !(await j.waitDurable(seq)) {
            state.withLock { st in
                for (p, now) in zip(change.previous, change.changed) { st.restore(p.id, to: p.entry, ifStill: now) }
            }
            throw SilenceError(.storage, "failed to persist silence to disk; change not applied")
        }
        notify(change.changed)
    }

    /// Applies a change and queues it for the file under the same lock, so the file gets
    /// changes in the order they were made (a later entry for an ID is the newer one).
    private func setJournaled(_ s: Silence) throws(SilenceError) -> Journaled {
        let change = try setJournaledQuietly(s)
        if let log = changeLog.withLock({ $0 }), let stored = change.changed.first(where: { $0.silence.id == change.id }) {
            log.call((change.id == s.id ? "update silence" : "create silence", stored.silence))
        }
        return change
    }

    private func setJournaledQuietly(_ s: Silence) throws(SilenceError) -> Journaled {
        let now = clock.now()
        return try state.withLock { st throws(SilenceError) in
            // Only the given ID can have held something; a new ID held nothing.
            let before = s.id.isEmpty ? nil : st.entries[s.id]
            let change = try st.set(s, now: now, newID: { UUID().uuidString.lowercased() })
            return Journaled(id: change.id, changed: change.changed,
                             previous: change.changed.map { (id: $0.silence.id, entry: $0.silence.id == s.id ? before : nil) },
                             seq: journal(change.changed))
        }
    }

    private func expireJournaled(_ id: String) throws(SilenceError) -> Journaled {
        let now = clock.now()
        let change = try state.withLock { st throws(SilenceError) in
            let before = st.entries[id]
            let changed = try st.expire(id, now: now)
            return Journaled(id: id, changed: changed, previous: changed.map { (id: $0.silence.id, entry: before) },
                             seq: journal(changed))
        }
        if let log = changeLog.withLock({ $0 }), let stored = change.changed.first { log.call(("expire silence", stored.silence)) }
        return change
    }

    /// Queues changed entries for the file (called under the state lock).
    private func journal(_ changed: [MeshSilence]) -> UInt64? {
        guard !changed.isEmpty, let j = journal.withLock({ $0 }) else { return nil }
        return j.append(SilencesCodec.snapshot(changed))
    }

    package func get(_ id: String) -> Silence? { state.withLock { $0.get(id) } }

    /// Every silence held (active, pending and expired until GC).
    package func all() -> [Silence] {
        queries.increment()
        return state.withLock { $0.entries.values.map(\.silence) }
    }

    /// Every silence held, with the version they were read at (both under one lock).
    package func allVersioned() -> (version: Int, silences: [Silence]) {
        queries.increment()
        return state.withLock { ($0.version, $0.entries.values.map(\.silence)) }
    }

    /// Active or pending silences matching `labels`, with the version they were computed at.
    package func matching(_ labels: LabelSet) -> (silences: [Silence], version: Int) {
        queries.increment()
        let now = clock.now()
        return state.withLock { ($0.matching(labels, now: now), $0.version) }
    }

    /// Merges an entry received from a peer; true if accepted. An accepted entry is queued
    /// for the file too (nobody waits for it: the peer that acknowledged it has it on disk),
    /// so a node that crashes after receiving a silence still has it when it restarts.
    @discardableResult
    package func merge(_ e: MeshSilence) -> Bool {
        let now = clock.now()
        return state.withLock { st in
            guard st.merge(e, now: now) else { return false }
            _ = journal([e])
            return true
        }
    }

    /// Deletes entries past their retention; returns how many.
    @discardableResult
    package func gc() -> Int {
        let start = DispatchTime.now().uptimeNanoseconds
        let now = clock.now()
        let n = state.withLock { $0.gc(now: now) }
        gcDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return n
    }

    /// Snapshot bytes (delimited `MeshSilence`), the format of Alertmanager's `silences` file.
    package func snapshot() -> [UInt8] {
        let entries = state.withLock { Array($0.entries.values) }
        return SilencesCodec.snapshot(entries)
    }

    /// Rewrites the journaled file compactly, in order with the appends (the snapshot is
    /// taken under the same lock as changes are queued); returns once it is on disk.
    package func writeSnapshot() async {
        guard let j = journal.withLock({ $0 }) else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        let (seq, size) = state.withLock { st in
            let bytes = SilencesCodec.snapshot(Array(st.entries.values))
            return (j.rewrite(bytes), bytes.count)
        }
        await j.waitDurable(seq)
        snapshotDuration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        snapshotSize.record(size)
    }

    /// Loads a snapshot file written by Tocsin or Alertmanager. A missing file is fine;
    /// a corrupt one loads its valid part and returns the error text to log.
    package func loadSnapshot(from path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let loaded = SilencesCodec.load(Array(data))
        let now = clock.now()
        state.withLock { st in
            st.reserveCapacity(loaded.entries.count)
            for e in loaded.entries { st.merge(e, now: now) }
        }
        return loaded.error
    }

    /// Counts by API state, for `alertmanager_silences{state}`.
    package func countByState() -> [SilenceState: Int] {
        let now = clock.now()
        return state.withLock { st in
            var c: [SilenceState: Int] = [.active: 0, .pending: 0, .expired: 0]
            for e in st.entries.values { c[e.silence.state(at: now), default: 0] += 1 }
            return c
        }
    }

    private func notify(_ changed: [MeshSilence]) {
        guard !changed.isEmpty, let f = onChange.withLock({ $0 }) else { return }
        f.call(changed)
    }
}
