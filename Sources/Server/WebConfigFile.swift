import Config
import Foundation
import HTTPAPI
import Logging
import Synchronization

/// `--web.config.file`: read and checked in full at start (an invalid file, or one naming a
/// missing file, stops the server before it listens: it is never served open), then read
/// again for a request when the file has changed, as exporter-toolkit reads it per request.
/// A file that no longer reads gets 500 until it is fixed, never an open API.
final class WebConfigFile: Sendable {
    let path: String
    let config: WebConfig
    let tls: WebTLS?
    let logger: Logger
    private let current: Mutex<(stamp: FileStamp?, policy: WebAccessPolicy?)>

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(path: String, logger: Logger) throws {
        self.path = path
        self.logger = logger
        let stamp = FileStamp(path)
        do {
            config = try WebConfig.load(file: path)
            tls = try WebTLS.make(config.tls, http2: config.http2)
        } catch {
            throw Failure(description: "\(error)")
        }
        current = Mutex((stamp, Self.policy(config)))
    }

    /// The policy for the request being served.
    func policy() -> WebAccessPolicy? {
        let stamp = FileStamp(path)
        return current.withLock { state in
            if stamp != state.stamp {
                state.stamp = stamp
                do {
                    state.policy = Self.policy(try WebConfig.load(file: path))
                } catch {
                    logger.error("Unable to parse configuration", metadata: ["file": "\(path)", "err": "\(error)"])
                    state.policy = nil
                }
            }
            return state.policy
        }
    }

    /// Users with the hash bcrypt checks (the file's hashes were validated when it was read).
    static func policy(_ c: WebConfig) -> WebAccessPolicy {
        var users: [String: String] = [:]
        for (name, hash) in c.users {
            if let h = try? BcryptHash(hash) { users[name] = h.canonical }
        }
        return WebAccessPolicy(users: users, headers: c.headers)
    }
}

/// What tells that a file changed without reading it: its inode, size and modification time.
struct FileStamp: Equatable {
    let inode: UInt64
    let size: UInt64
    let modified: Date?

    init?(_ path: String) {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        inode = (a[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        size = (a[.size] as? NSNumber)?.uint64Value ?? 0
        modified = a[.modificationDate] as? Date
    }
}
