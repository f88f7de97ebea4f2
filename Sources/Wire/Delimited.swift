import Dispatch
import Foundation
import SwiftProtobuf
import Synchronization

/// Length-delimited protobuf streams: `uvarint(len(msg)) || msg`, repeated.
///
/// Mirrors Alertmanager's use of `pbutil.WriteDelimited` / `pbutil.ReadDelimited`
/// (matttproud/golang_protobuf_extensions v1.0.4) for the `silences` and `nflog`
/// snapshot files and for the `data` of gossip `clusterpb.Part`s.
///
/// Reading is stricter than Go's loop in one respect: Go treats an input that ends
/// inside a length varint (or right after a non-zero length) as a clean end of file,
/// while this reader reports it as ``DelimitedError/Kind/truncatedLength`` or
/// ``DelimitedError/Kind/truncatedMessage`` so a damaged file is noticed.
package enum Delimited {
    /// The longest length prefix Go's reader accepts (`binary.MaxVarintLen32`).
    package static let maxLengthPrefixBytes = 5

    /// Encodes `messages` as one delimited stream.
    /// Throws only if SwiftProtobuf cannot serialize a message (not possible for the
    /// proto3 messages of this module).
    /// Map fields (silence annotations, nflog receiver data) are written in key order, so equal
    /// states give equal bytes (Go writes maps in random order; readers do not care).
    package static func write<M: Message>(_ messages: [M]) throws -> [UInt8] {
        var out: [UInt8] = []
        for message in messages { try append(message, to: &out) }
        return out
    }

    /// Appends one message with its length prefix, map fields in key order (as ``write(_:)``).
    package static func append<M: Message>(_ message: M, to out: inout [UInt8]) throws {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let body: [UInt8] = try message.serializedBytes(options: options)
        appendFrame(body[...], to: &out)
    }

    /// Appends a message that is already encoded (`body`, without its prefix) with its length prefix.
    package static func appendFrame(_ body: ArraySlice<UInt8>, to out: inout [UInt8]) {
        appendUvarint(UInt64(body.count), to: &out)
        out.append(contentsOf: body)
    }

    /// Encodes a single message with its length prefix (a gossip delta).
    package static func write<M: Message>(_ message: M) throws -> [UInt8] {
        try write([message])
    }

    /// Decodes every message of a delimited stream. An empty input yields `[]`.
    /// - Throws: ``DelimitedError`` naming the problem, its byte offset and how many
    ///   messages decoded fine before it.
    package static func read<M: Message>(_ bytes: [UInt8], as type: M.Type = M.self) throws(DelimitedError) -> [M] {
        let (messages, error) = readPrefix(bytes, as: type)
        if let error { throw error }
        return messages
    }

    /// Decodes the messages before the first problem, and that problem if there is one (a
    /// snapshot loader keeps what is readable of a damaged file).
    package static func readPrefix<M: Message>(_ bytes: [UInt8], as type: M.Type = M.self) -> ([M], DelimitedError?) {
        let (frames, framingError) = frames(of: bytes)
        let (messages, decodingError) = decode(frames, of: bytes, as: type)
        // An invalid message comes before the damaged length prefix that ended the framing.
        return (messages, decodingError ?? framingError)
    }

    /// The streams at least this long are decoded on every core: a million-entry
    /// notification log is read at start-up, and its decoding is most of the wait for ready.
    static let parallelDecodeMinimum = 4096

    /// One message of a stream: where its length prefix starts and where its bytes are.
    package struct Frame: Sendable {
        package let prefix: Int
        package let body: Range<Int>
    }

    /// The byte ranges of the messages (without their length prefixes), up to the first
    /// framing problem, which is returned with them.
    package static func frames(of bytes: [UInt8]) -> ([Frame], DelimitedError?) {
        var frames: [Frame] = []
        var offset = 0
        while offset < bytes.count {
            let start = offset
            do throws(DelimitedError) {
                let length = try readLengthPrefix(bytes, at: &offset, messagesRead: frames.count)
                let available = bytes.count - offset
                guard length <= UInt64(available) else {
                    throw DelimitedError(
                        kind: .truncatedMessage(declared: length, available: available),
                        offset: start, messagesRead: frames.count)
                }
                frames.append(Frame(prefix: start, body: offset..<offset + Int(length)))
                offset += Int(length)
            } catch {
                return (frames, error)
            }
        }
        return (frames, nil)
    }

    /// Decodes the message of one frame in place (no copy of its bytes).
    /// - Parameter index: the frame's position in the stream, for the error.
    package static func message<M: Message>(_ frame: Frame, index: Int, of bytes: [UInt8],
                                            as type: M.Type = M.self) throws(DelimitedError) -> M {
        do {
            return try M(serializedBytes: bytes.span.bytes.extracting(frame.body))
        } catch {
            throw DelimitedError(kind: .invalidMessage(String(describing: error)), offset: frame.prefix,
                                 messagesRead: index)
        }
    }

    /// Runs `body` over `0..<count` cut into one run per core when `count` is a long stream's
    /// (``parallelDecodeMinimum`` frames or more), else over the whole range here; the results
    /// in run order.
    package static func inRuns<T: Sendable>(_ count: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let runs = ProcessInfo.processInfo.activeProcessorCount
        guard count >= parallelDecodeMinimum, runs > 1 else { return [body(0..<count)] }
        let perRun = (count + runs - 1) / runs
        let results = Mutex([T?](repeating: nil, count: runs))
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let result = body(min(run * perRun, count)..<min((run + 1) * perRun, count))
            results.withLock { $0[run] = result }
        }
        return results.withLock { $0 }.map { $0! }
    }

    /// Decodes the framed messages in order, stopping at the first invalid one, which is
    /// returned as the error. Long streams are cut into one run of frames per core; short ones
    /// (every gossip broadcast) are decoded right here.
    private static func decode<M: Message>(
        _ frames: [Frame], of bytes: [UInt8], as type: M.Type
    ) -> ([M], DelimitedError?) {
        let results = inRuns(frames.count) { decodeRun(frames[$0], of: bytes, as: type) }
        guard results.count > 1 else { return results[0] }
        var messages: [M] = []
        messages.reserveCapacity(frames.count)
        for result in results {
            messages.append(contentsOf: result.messages)
            if let error = result.error { return (messages, error) }
        }
        return (messages, nil)
    }

    /// One run of frames, stopping at the first invalid message. The slice keeps the stream's
    /// indices, so the error counts the messages before it from the start of the stream.
    private static func decodeRun<M: Message>(
        _ frames: ArraySlice<Frame>, of bytes: [UInt8], as type: M.Type
    ) -> (messages: [M], error: DelimitedError?) {
        var messages: [M] = []
        messages.reserveCapacity(frames.count)
        for (index, frame) in zip(frames.indices, frames) {
            do {
                messages.append(try message(frame, index: index, of: bytes, as: type))
            } catch {
                return (messages, error)
            }
        }
        return (messages, nil)
    }

    /// Reads a varint32-bounded length prefix the way Go's `ReadDelimited` does.
    private static func readLengthPrefix(
        _ bytes: [UInt8], at offset: inout Int, messagesRead: Int
    ) throws(DelimitedError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset - start < maxLengthPrefixBytes else {
                throw DelimitedError(kind: .lengthPrefixTooLong, offset: start, messagesRead: messagesRead)
            }
            guard offset < bytes.count else {
                throw DelimitedError(kind: .truncatedLength, offset: start, messagesRead: messagesRead)
            }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// Appends `value` as a protobuf unsigned varint.
    static func appendUvarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}

/// Why a delimited stream could not be read completely.
package struct DelimitedError: Error, Equatable, CustomStringConvertible {
    package enum Kind: Equatable, Sendable {
        /// The input ended inside a length prefix.
        case truncatedLength
        /// The length prefix is longer than 5 bytes (Go's `errInvalidVarint`).
        case lengthPrefixTooLong
        /// The declared message length exceeds the bytes left.
        case truncatedMessage(declared: UInt64, available: Int)
        /// The message bytes are not a valid protobuf encoding of the expected type.
        case invalidMessage(String)
    }

    package let kind: Kind
    /// Byte offset of the length prefix of the failing message.
    package let offset: Int
    /// How many messages before the failing one decoded successfully.
    package let messagesRead: Int

    package var description: String {
        let what: String
        switch kind {
        case .truncatedLength: what = "stream ends inside a length prefix"
        case .lengthPrefixTooLong: what = "length prefix longer than 5 bytes"
        case let .truncatedMessage(declared, available):
            what = "message declares \(declared) bytes but only \(available) remain"
        case let .invalidMessage(reason): what = "invalid protobuf message: \(reason)"
        }
        return "corrupt delimited stream at byte \(offset) after \(messagesRead) good message(s): \(what)"
    }
}
