import Foundation

/// The history's file format: one record as JSON a line, appended as attempts happen. A crash
/// can leave a torn last line; loading keeps the records before it and reports where the good
/// part ends, so that the file is cut there before appending again.
package enum HistoryJournal {
    package static func encode(_ record: NotificationRecord) -> [UInt8] {
        // Encoding a plain struct of strings, numbers and dates cannot fail.
        var bytes = Array((try? encoder.encode(record)) ?? Data())
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    package struct Loaded: Sendable {
        /// Each good record with the size of its line.
        package var records: [(record: NotificationRecord, bytes: Int)]
        /// Bytes of the file's good prefix; the rest is a torn or unreadable tail.
        package var goodBytes: Int
    }

    /// Reads records up to the first line that is incomplete (no newline) or unreadable.
    package static func decode(_ data: [UInt8]) -> Loaded {
        var out: [(record: NotificationRecord, bytes: Int)] = []
        var start = 0
        let decoder = JSONDecoder()
        while start < data.count {
            guard let nl = data[start...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            guard let r = try? decoder.decode(NotificationRecord.self, from: Data(data[start..<nl])) else { break }
            out.append((r, nl + 1 - start))
            start = nl + 1
        }
        return Loaded(records: out, goodBytes: start)
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
