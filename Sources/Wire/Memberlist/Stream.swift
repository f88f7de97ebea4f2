extension Memberlist {
    /// A push-pull exchange body (`pushPullMsg` on a stream): the sender's node table and its
    /// delegate state (for Alertmanager, a `clusterpb.FullState`).
    package struct PushPull: Equatable, Sendable {
        package var join: Bool
        package var nodes: [PushNodeState]
        package var userState: [UInt8]

        package init(join: Bool, nodes: [PushNodeState], userState: [UInt8]) {
            self.join = join
            self.nodes = nodes
            self.userState = userState
        }
    }

    /// One logical message on a TCP stream (one per connection in memberlist).
    package enum StreamMessage: Equatable, Sendable {
        case pushPull(PushPull)
        /// A `userMsg` sent with `SendReliable`: the raw delegate bytes.
        case user([UInt8])
        /// A TCP fallback ping.
        case ping(Ping)
        /// The answer to a TCP ping.
        case ack(AckResponse)
        /// The responder's `errMsg`.
        case error(ErrorResponse)
    }

    /// Why a stream message could not be read.
    package enum StreamError: Error, Equatable, Sendable {
        case framing(FramingError)
        case badBody(MessageType, MsgPackError)
        /// A type byte memberlist does not accept on a stream (a label header `F4` must be
        /// removed with `stripLabel` first; `0a` means an encrypted stream, never used by 0.25).
        case unexpectedType(UInt8)
        /// A negative node count or length in a header.
        case negativeLength(Int)
        /// The decompressed message ends before the lengths its header declares.
        case truncatedBody
        /// A push-pull listing more nodes than `StreamLimits.maxNodes`.
        case tooManyNodes(Int)
        /// A message larger than `StreamLimits.maxBytes` (as sent, or as its header declares).
        case tooLarge(Int)
        /// A compressed message expanding beyond `StreamLimits.maxDecompressedBytes`.
        case decompressedTooLarge(limit: Int)
    }

    /// What one inbound stream message may cost. memberlist bounds none of this except the
    /// concurrent push-pulls (128) and an encrypted state (20 MiB); a hostile peer could make
    /// a node hold gigabytes (64 MiB of node entries from a 33 KB LZW bomb). The bounds sit
    /// far above what Alertmanager sends: its clusters have a handful of nodes, and its full
    /// state is the silences and nflog snapshot files (a few MiB for tens of thousands of
    /// silences).
    package struct StreamLimits: Sendable, Equatable {
        /// Bytes read from one connection for one message (compressed, as sent).
        package var maxBytes = 32 << 20
        /// Bytes a compressed message may expand to.
        package var maxDecompressedBytes = 64 << 20
        /// Nodes one push-pull may list.
        package var maxNodes = 4096

        package init() {}
        package init(maxBytes: Int, maxDecompressedBytes: Int, maxNodes: Int) {
            self.maxBytes = maxBytes
            self.maxDecompressedBytes = maxDecompressedBytes
            self.maxNodes = maxNodes
        }
    }

    /// Encodes a stream message, LZW-compressed inside a `compress` wrapper when `compress`
    /// is true (Alertmanager compresses every stream; receivers accept both forms).
    package static func encodeStreamMessage(_ message: StreamMessage, compress: Bool = true) -> [UInt8] {
        var w = MsgPackWriter()
        switch message {
        case let .pushPull(pushPull):
            w.writeUInt(UInt64(MessageType.pushPull.rawValue))
            PushPullHeader(nodes: pushPull.nodes.count, userStateLen: pushPull.userState.count, join: pushPull.join)
                .encode(to: &w)
            for node in pushPull.nodes { node.encode(to: &w) }
        case let .user(payload):
            w.writeUInt(UInt64(MessageType.user.rawValue))
            UserMessageHeader(userMsgLen: payload.count).encode(to: &w)
        case let .ping(ping):
            w.writeUInt(UInt64(MessageType.ping.rawValue))
            ping.encode(to: &w)
        case let .ack(ack):
            w.writeUInt(UInt64(MessageType.ackResponse.rawValue))
            ack.encode(to: &w)
        case let .error(response):
            w.writeUInt(UInt64(MessageType.error.rawValue))
            response.encode(to: &w)
        }
        var plain = w.bytes
        switch message {
        case let .pushPull(pushPull): plain.append(contentsOf: pushPull.userState)
        case let .user(payload): plain.append(contentsOf: payload)
        default: break
        }
        return compress ? compressedMessage(plain) : plain
    }

    /// Parses the stream message at the start of `buffer` (everything read from the connection
    /// so far). Returns nil when the bytes end before the message does, so the caller reads more;
    /// otherwise the message and the number of bytes it used. Mirrors memberlist's `readStream`
    /// plus `readRemoteState` / `readUserMsg` / ping and ack decoding.
    package static func parseStreamMessage(
        _ buffer: [UInt8], limits: StreamLimits = StreamLimits()
    ) throws(StreamError) -> (message: StreamMessage, consumed: Int)? {
        guard let first = buffer.first else { return nil }
        if first == MessageType.compress.rawValue {
            let decompressed: (message: [UInt8], consumed: Int)
            do {
                decompressed = try decompressBody(buffer.dropFirst(), limit: limits.maxDecompressedBytes)
            } catch .badCompress(let error) where needsMoreInput(error) {
                return nil
            } catch .badLZW(.outputTooLarge(let limit)) {
                throw .decompressedTooLarge(limit: limit)
            } catch {
                throw .framing(error)
            }
            guard let inner = try parsePlain(decompressed.message, complete: true, limits: limits) else { throw .truncatedBody }
            return (inner.message, 1 + decompressed.consumed)
        }
        return try parsePlain(buffer, complete: false, limits: limits)
    }

    /// How many bytes the message at the start of `buffer` needs, read from its headers alone
    /// (the compress map's `Buf` length; a push-pull's `UserStateLen` after its nodes, which
    /// are skipped, not decoded; a user message's length), or nil when the headers are not all
    /// there yet. A reader parses only once that many bytes are in, instead of re-parsing (and
    /// copying) everything read so far on each of thousands of small reads. 0 means "parse
    /// now": a message type without such a header, or malformed headers (parsing reports them).
    /// - Throws: `tooLarge` when the declared size is beyond `limits.maxBytes`, `tooManyNodes`.
    package static func bytesNeeded(_ buffer: [UInt8], limits: StreamLimits = StreamLimits()) throws(StreamError) -> Int? {
        guard let first = buffer.first else { return nil }
        var reader = MsgPackReader(buffer, offset: 1)
        var needed: Int? = 0
        do {
            if first == MessageType.compress.rawValue {
                needed = try compressEnd(&reader)
            } else if first == MessageType.pushPull.rawValue {
                let header = try PushPullHeader.decode(from: &reader)
                guard header.nodes >= 0, header.userStateLen >= 0 else { return 0 }
                guard header.nodes <= limits.maxNodes else { throw StreamError.tooManyNodes(header.nodes) }
                for _ in 0..<header.nodes { try reader.skipValue() }
                needed = reader.offset + header.userStateLen
            } else if first == MessageType.user.rawValue {
                let header = try UserMessageHeader.decode(from: &reader)
                guard header.userMsgLen >= 0 else { return 0 }
                needed = reader.offset + header.userMsgLen
            }
        } catch let error as StreamError {
            throw error
        } catch let error as MsgPackError {
            return needsMoreInput(error) ? nil : 0
        } catch {
            return 0
        }
        if let needed, needed > limits.maxBytes { throw .tooLarge(needed) }
        return needed
    }

    /// Where the `Buf` of a compress map ends (Go writes `Algo` then `Buf`, so the map ends
    /// there too); reads headers only. 0 for a `Buf` not in bin or str form (parse to know).
    private static func compressEnd(_ reader: inout MsgPackReader) throws(MsgPackError) -> Int? {
        let fields = try reader.readMapHeader()
        for _ in 0..<fields {
            let key = try reader.readString()
            guard key == "Buf" else {
                try reader.skipValue()
                continue
            }
            guard reader.offset < reader.bytes.count else { return nil }
            let tag = reader.bytes[reader.offset]
            let width: Int
            switch tag {
            case 0xc4, 0xd9: width = 1
            case 0xc5, 0xda: width = 2
            case 0xc6, 0xdb: width = 4
            case 0xa0...0xbf: return reader.offset + 1 + Int(tag & 0x1f)
            default: return 0
            }
            guard reader.offset + 1 + width <= reader.bytes.count else { return nil }
            var length = 0
            for i in 0..<width { length = length << 8 | Int(reader.bytes[reader.offset + 1 + i]) }
            return reader.offset + 1 + width + length
        }
        return reader.offset
    }

    /// Parses an uncompressed message. With `complete`, running out of bytes is an error.
    private static func parsePlain(_ buffer: [UInt8], complete: Bool,
                                   limits: StreamLimits) throws(StreamError) -> (message: StreamMessage, consumed: Int)? {
        guard let first = buffer.first else {
            if complete { throw .truncatedBody }
            return nil
        }
        guard let type = MessageType(rawValue: first) else { throw .unexpectedType(first) }
        var reader = MsgPackReader(buffer, offset: 1)
        do {
            let message: StreamMessage
            switch type {
            case .pushPull:
                let header = try PushPullHeader.decode(from: &reader)
                guard header.nodes >= 0 else { throw StreamError.negativeLength(header.nodes) }
                guard header.userStateLen >= 0 else { throw StreamError.negativeLength(header.userStateLen) }
                guard header.nodes <= limits.maxNodes else { throw StreamError.tooManyNodes(header.nodes) }
                var nodes: [PushNodeState] = []
                for _ in 0..<header.nodes { nodes.append(try PushNodeState.decode(from: &reader)) }
                let state = try takeRaw(header.userStateLen, from: &reader, complete: complete)
                guard let state else { return nil }
                message = .pushPull(PushPull(join: header.join, nodes: nodes, userState: state))
            case .user:
                let header = try UserMessageHeader.decode(from: &reader)
                guard header.userMsgLen >= 0 else { throw StreamError.negativeLength(header.userMsgLen) }
                guard let payload = try takeRaw(header.userMsgLen, from: &reader, complete: complete) else { return nil }
                message = .user(payload)
            case .ping: message = .ping(try Ping.decode(from: &reader))
            case .ackResponse: message = .ack(try AckResponse.decode(from: &reader))
            case .error: message = .error(try ErrorResponse.decode(from: &reader))
            default: throw StreamError.unexpectedType(first)
            }
            return (message, reader.offset)
        } catch let error as StreamError {
            throw error
        } catch let error as MsgPackError {
            if needsMoreInput(error) {
                if complete { throw .truncatedBody }
                return nil
            }
            throw .badBody(type, error)
        } catch {
            // Only StreamError and MsgPackError are thrown above; keep the compiler satisfied.
            throw .truncatedBody
        }
    }

    private static func takeRaw(_ count: Int, from reader: inout MsgPackReader, complete: Bool) throws(StreamError) -> [UInt8]? {
        let rest = reader.remaining
        guard rest.count >= count else {
            if complete { throw .truncatedBody }
            return nil
        }
        let taken = Array(rest.prefix(count))
        reader = MsgPackReader(reader.bytes, offset: reader.offset + count)
        return taken
    }

    /// Whether a msgpack error only means the input stopped early.
    private static func needsMoreInput(_ error: MsgPackError) -> Bool {
        switch error.kind {
        case .unexpectedEnd, .lengthTooLarge: return true
        default: return false
        }
    }
}
