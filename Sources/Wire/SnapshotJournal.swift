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
public final class SnapshotJournal: Sendable {
    let path: String
    private let queue = DispatchQueue(label: "tocsin.snapshot-journal")
    private let onError: @Sendable (String) -> Void
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
        var draining = false
        var waiters: [(seq: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
    }

    public init(path: String, onError: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.onError = onError
    }

    /// Queues `bytes` for appending; the caller orders calls (it holds the store's lock).
    @discardableResult
    public func append(_ bytes: [UInt8]) -> UInt64 {
        request { $0.pending.append(contentsOf: bytes) }
    }

    /// Queues a whole snapshot: it replaces the file, and the appends queued before it.
    public func rewrite(_ bytes: [UInt8]) -> UInt64 {
        request { st in
            st.pending.removeAll()
            st.rewrite = bytes
        }
    }

    /// Returns once request `seq` is on disk (or failed, which was reported).
    public func waitDurable(_ seq: UInt64) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done = state.withLock { st in
                if st.durable >= seq { return true }
                st.waiters.append((seq, c))
                return false
            }
            if done { c.resume() }
        }
    }

    /// Returns once everything queued so far is on disk.
    public func flush() async {
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
            let work: (bytes: [UInt8], rewrite: [UInt8]?, upTo: UInt64)? = state.withLock { st in
                guard !st.pending.isEmpty || st.rewrite != nil else {
                    st.draining = false
                    return nil
                }
                defer {
                    st.pending = []
                    st.rewrite = nil
                }
                return (st.pending, st.rewrite, st.enqueued)
            }
            guard let work else { return }
            if let snapshot = work.rewrite {
                do {
                    try AtomicFile.write(snapshot, to: path)
                    descriptor.close()
                } catch {
                    onError("writing \(path): \(error)")
                }
            }
            if !work.bytes.isEmpty {
                do throws(Descriptor.WriteError) { try descriptor.append(work.bytes, to: path) } catch {
                    onError(error.description)
                }
            }
            let ready = state.withLock { st in
                st.durable = work.upTo
                let ready = st.waiters.filter { $0.seq <= work.upTo }
                st.waiters.removeAll { $0.seq <= work.upTo }
                return ready
            }
            for w in ready { w.continuation.resume() }
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

        func append(_ bytes: [UInt8], to path: String) throws(WriteError) {
            if fd < 0 {
                fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
                if fd < 0 { throw WriteError(description: "open \(path): \(Self.errnoText())") }
            }
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, raw.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let text = Self.errnoText()
                    close()
                    throw WriteError(description: "write \(path): \(text)")
                }
                written += n
            }
            if fdatasync(fd) != 0 {
                let text = Self.errnoText()
                close()
                throw WriteError(description: "fdatasync \(path): \(text)")
            }
        }

        /// Forgets the descriptor: the file was replaced, the next append opens the new one.
        func close() {
            if fd >= 0 { closeDescriptor(fd) }
            fd = -1
        }

        private static func errnoText() -> String { String(cString: strerror(errno)) }
    }
}

/// `close(2)` (the journal's `close()` method shadows the C function inside the class).
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// Writes a file the way Alertmanager writes its snapshots: to `<path>.<random hex>`,
/// fsync, then rename over the target, so a crash never leaves a half-written file.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let tmp = path + "." + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tmp])
        }
        if let h = FileHandle(forWritingAtPath: tmp) {
            try? h.synchronize()
            try? h.close()
        }
        if rename(tmp, path) != 0 {
            unlink(tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
