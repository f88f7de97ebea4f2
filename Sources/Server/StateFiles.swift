import Foundation
import Logging
import Wire

/// The two state files in `--storage.path` (`silences`, `nflog`) at start-up.
enum StateFiles {
    /// Creates `--storage.path` (and missing parents) readable by the owner only (0700), as
    /// the files in it are (0600, `AtomicFile`). An existing directory is left as it is.
    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Loads the file at `path` and keeps appending to it (`persist`): a file that loaded
    /// whole is already a complete snapshot for the appends to follow (both loaders let a
    /// later entry replace an earlier one), so it is only made owner-only (0600), not
    /// rewritten; rewriting a million notification-log entries at every start cost more than
    /// loading them. An unreadable file is kept as `<path>.corrupt` for the operator and
    /// rewritten compactly from what could be read, so no append follows its damaged tail.
    /// - Parameters:
    ///   - what: "silences" or "notification log", for the log lines.
    ///   - load: loads the file, returning the error text when part of it was unreadable.
    ///   - snapshot: the loaded state as the file's bytes.
    ///   - persist: starts appending changes to the file; takes the error reporter.
    static func open(_ path: String, what: String, logger: Logger, load: (String) -> String?,
                     snapshot: () -> [UInt8], persist: (@escaping @Sendable (String) -> Void) -> Void) {
        if let err = load(path) {
            let kept = path + ".corrupt"
            try? FileManager.default.removeItem(atPath: kept)
            try? FileManager.default.copyItem(atPath: path, toPath: kept)
            logger.error("Failed to load \(what) snapshot; continuing with what could be read",
                         metadata: ["err": "\(err)", "copy": "\(kept)"])
            do { try AtomicFile.write(snapshot(), to: path) } catch {
                logger.error("Creating \(what) snapshot failed", metadata: ["err": "\(error)"])
            }
        } else if chmod(path, 0o600) != 0, errno != ENOENT {
            logger.error("Making the \(what) file owner-only failed", metadata: ["err": "\(String(cString: strerror(errno)))"])
        }
        persist { [logger] err in
            logger.error("Writing \(what) to disk failed; the changes stay in memory and go to peers", metadata: ["err": "\(err)"])
        }
    }
}
