import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot file of delimited protobuf messages (`silences`, `nflog`), also used as an
/// append-only journal.
///
/// Alertmanager writes these files only every maintenance interval (15 minutes by default),
/// so a crash loses every change since. Here each change is appended to the same file as
/// it is made and flushed with `fdatasync`. The snapshot format is itself a sequence of
/// delimited messages, and both Alertmanager's and tocsin's loaders let a later entry for a
/// key (silence ID; group and receiver) replace an earlier one, so the file stays loadable
/// by Alertmanager 0.25 as long as entries are appended in the order they were accepted
/// (callers append under the lock that accepts them). The periodic snapshot rewrites the
/// file compactly (temp file + rename) through the same queue.
///
/// Writes run on their own serial queue, not on the caller's (Swift concurrency) thread, and
/// changes that arrive while a flush is running share the next one (group commit).
package final class SnapshotJournal: Sendable {
    let path: String
    private let queue = DispatchQueue(label: "tocsin.snapshot-journal")
    private let onError: @Sendable (String) -> Void
    /// Runs on the write queue before each batch is written (tests hold a batch back with it).
    private let beforeWrite: (@Sendable () -> Void)?
    private let state = Mutex(State())
    /// Only touched on `queue`.
    private let descriptor = Descriptor()

    private struct State {
        /// Changes not yet written, in order.
        var pending: [UInt8] = []
        /// A whole snapshot to write before `pending` (it already contains what preceded it).
        var rewrite: [UInt8]?
        /// Sequence number of the last request, and of the last one on disk.
        var enqueued: UInt64 = 0
        var durable: UInt64 = 0
        /// Batches written (each with one `fdatasync` or one snapshot rename).
        var batches = 0
        /// Requests whose write failed (merged when adjacent, so a full disk is one range).
        var failed: [ClosedRange<UInt64>] = []
        var draining = false
        var waiters: [(seq: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []

        func succeeded(_ seq: UInt64) -> Bool { !failed.contains { $0.contains(seq) } }

        mutating func markFailed(_ range: ClosedRange<UInt64>) {
            if let last = failed.last, last.upperBound + 1 >= range.lowerBound {
                failed[failed.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                failed.append(range)
            }
        }
    }

    package init(path: String, onError: @escaping @Sendable (String) -> Void,
                beforeWrite: (@Sendable () -> Void)? = nil) {
        self.path = path
        self.onError = onError
        self.beforeWrite = beforeWrite
    }

    /// How many requests were queued so far, and how many batches were written: several
    /// requests queued while a write runs share the next one (group commit).
    package var counts: (requests: UInt64, batches: Int) { state.withLock { ($0.enqueued, $0.batches) } }

    /// Queues `bytes` for appending; the caller orders calls (it holds the store's lock).
    @discardableResult
    package func append(_ bytes: [UInt8]) -> UInt64 {
        request { $0.pending.append(contentsOf: bytes) }
    }

    /// Queues a whole snapshot: it replaces the file, and the appends queued before it.
    package func rewrite(_ bytes: [UInt8]) -> UInt64 {
        request { st in
            st.pending.removeAll()
            st.rewrite = bytes
        }
    }

    /// Returns once request `seq` was written: true if it is on disk, false if writing it
    /// failed (reported through `onError`; the file was cut back to where it was, so later
    /// appends still follow whole messages). A caller that acknowledges a change to a client
    /// must refuse it on false: it is not on disk.
    @discardableResult
    package func waitDurable(_ seq: UInt64) async -> Bool {
        await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            let done: Bool? = state.withLock { st in
                if st.durable >= seq { return st.succeeded(seq) }
                st.waiters.append((seq, c))
                return nil
            }
            if let done { c.resume(returning: done) }
        }
    }

    /// Returns once everything queued so far is written; false if any of it failed.
    @discardableResult
    package func flush() async -> Bool {
        await waitDurable(state.withLock { $0.enqueued })
    }

    private func request(_ change: (inout State) -> Void) -> UInt64 {
        let (seq, start) = state.withLock { st in
            change(&st)
            st.enqueued += 1
            let start = !st.draining
            st.draining = true
            return (st.enqueued, start)
        }
        if start { queue.async { self.drain() } }
        return seq
    }

    private func drain() {
        while true {
            let work: (bytes: [UInt8], rewrite: [UInt8]?, from: UInt64, upTo: UInt64)? = state.withLock { st in
                guard !st.pending.isEmpty || st.rewrite != nil else {
                    st.draining = false
                    return nil
                }
                defer {
                    st.pending = []
                    st.rewrite = nil
                }
                return (st.pending, st.rewrite, st.durable + 1, st.enqueued)
            }
            guard let work else { return }
            beforeWrite?()
            // One batch succeeds or fails as a whole: a failed rewrite also loses the appends
            // it replaced, so every request in the batch is reported failed.
            var ok = true
            if let snapshot = work.rewrite {
                do throws(AtomicFile.WriteError) {
                    try AtomicFile.write(snapshot, to: path)
                    descriptor.close()
                } catch {
                    ok = false
                    onError(error.description)
                }
            }
            if ok, !work.bytes.isEmpty {
                do throws(Descriptor.WriteError) { try descriptor.append(work.bytes, to: path) } catch {
                    ok = false
                    onError(error.description)
                }
            }
            let ready = state.withLock { st in
                st.durable = work.upTo
                st.batches += 1
                if !ok { st.markFailed(work.from...work.upTo) }
                let ready = st.waiters.filter { $0.seq <= work.upTo }
                st.waiters.removeAll { $0.seq <= work.upTo }
                return ready.map { ($0.continuation, st.succeeded($0.seq)) }
            }
            for (c, result) in ready { c.resume(returning: result) }
        }
    }

    /// The open journal file: appends and `fdatasync`. Unchecked: no lock, because only
    /// the serial `queue` touches it.
    private final class Descriptor: @unchecked Sendable {
        private var fd: Int32 = -1

        struct WriteError: Error, CustomStringConvertible {
            let description: String
        }

        deinit { close() }

        /// Appends and syncs; on failure (a full disk: ENOSPC, EDQUOT) cuts the file back to
        /// its length before the write, so no torn message is left for later appends to
        /// follow, and closes it: the next append reopens the path and tries again.
        func append(_ bytes: [UInt8], to path: String) throws(WriteError) {
            if fd < 0 {
                fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
                if fd < 0 { throw WriteError(description: "open \(path): \(errnoText())") }
            }
            let before = lseek(fd, 0, SEEK_END)
            var failure = writeAll(fd, bytes, path: path)
            if failure == nil, fdatasync(fd) != 0 { failure = "fdatasync \(path): \(errnoText())" }
            guard let failure else { return }
            if before >= 0 { _ = ftruncate(fd, before) }
            close()
            throw WriteError(description: failure)
        }

        /// Forgets the descriptor: the file was replaced, the next append opens the new one.
        func close() {
            if fd >= 0 { closeDescriptor(fd) }
            fd = -1
        }
    }
}

/// `close(2)` (the journal's `close()` method shadows the C function inside the class).
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR; nil, or the error as Go
/// prints it (`write PATH: no space left on device`). Shared by the journal's append and
/// `AtomicFile` (whose `write` shadows the C function, hence a free function).
private func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) -> String? {
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + written }, raw.count - written) }
        if n < 0 {
            if errno == EINTR { continue }
            return "write \(path): \(errnoText())"
        }
        written += n
    }
    return nil
}

/// The text of the current `errno`, as Go prints a syscall error ("no space left on device").
private func errnoText() -> String { String(cString: strerror(errno)).lowercased() }

/// Writes a file the way Alertmanager writes its snapshots: to `<path>.<random hex>`,
/// fsync, then rename over the target, so a crash never leaves a half-written file. Every
/// step's error is reported (a full disk must not pass for a written snapshot), and the file
/// is created readable by its owner only (0600): silences and the notification log are the
/// operator's, not everyone's on the host.
package enum AtomicFile {
    package struct WriteError: Error, CustomStringConvertible {
        package let description: String
    }

    package static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let tmp = path + "." + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { throw WriteError(description: "open \(tmp): \(errnoText())") }
        var failure = writeAll(fd, bytes, path: tmp)
        if failure == nil, fsync(fd) != 0 { failure = "sync \(tmp): \(errnoText())" }
        if close(fd) != 0, failure == nil { failure = "close \(tmp): \(errnoText())" }
        if failure == nil, rename(tmp, path) != 0 { failure = "rename \(tmp) \(path): \(errnoText())" }
        if let failure {
            unlink(tmp)
            throw WriteError(description: failure)
        }
    }
}
