extension Memberlist {
    /// One message found in a UDP packet.
    package enum PacketMessage: Equatable, Sendable {
        case ping(Ping)
        case indirectPing(IndirectPingRequest)
        case ack(AckResponse)
        case nack(NackResponse)
        case suspect(Suspect)
        case alive(Alive)
        case dead(Dead)
        /// A `userMsg` part: the raw delegate bytes (for Alertmanager, a `clusterpb.Part`).
        case user([UInt8])
    }

    /// A part of a packet that could not be used; Go logs these and carries on with the rest.
    package enum PacketProblem: Error, Equatable, Sendable {
        case framing(FramingError)
        case badBody(MessageType, MsgPackError)
        /// A type byte that is not valid in a packet (e.g. push-pull, or an unknown value).
        case unexpectedType(UInt8)
        /// A compound message whose last `count` parts were cut off.
        case truncatedCompound(count: Int)
    }

    /// The result of decoding one UDP packet.
    package struct DecodedPacket: Equatable, Sendable {
        /// The label of the packet ("" when none; Alertmanager 0.25 rejects any label).
        package var label: [UInt8] = []
        /// Whether the packet carried a (valid) CRC header.
        package var hadCRC = false
        package var messages: [PacketMessage] = []
        package var problems: [PacketProblem] = []
    }

    /// Deepest nesting of compress/compound wrappers followed (Go has no bound; real peers use 2).
    static let maxPacketNesting = 8

    /// Largest size a UDP compress message may expand to: memberlist reads datagrams into a
    /// 64 KiB buffer (`udpPacketBufSize`) and compresses a packet only after building it to
    /// fit one, so nothing a peer legitimately sends expands beyond that. Without the bound a
    /// 1.9 KB datagram expanding to 1 MB cost ~100 ms of CPU.
    package static let udpDecompressLimit = 65_536

    /// Decodes a UDP packet the way memberlist's `ingestPacket`/`handleCommand` does: optional
    /// label, optional CRC (a mismatch drops the whole packet), then the message, recursing
    /// into compound and compress wrappers. Bad parts are reported in `problems` while the
    /// good parts are kept. Throws only when the whole packet must be dropped.
    /// - Parameter decompressLimit: largest decompressed size accepted for the whole packet
    ///   (all compress messages in it together, nested ones included, so nesting cannot
    ///   multiply it); a part beyond it is reported as `.framing(.badLZW(.outputTooLarge))`.
    package static func decodePacket(_ packet: [UInt8], decompressLimit: Int = udpDecompressLimit) throws(FramingError) -> DecodedPacket {
        var result = DecodedPacket()
        let (label, afterLabel) = try stripLabel(packet[...])
        result.label = label
        let body = try stripCRC(afterLabel)
        result.hadCRC = body.count != afterLabel.count
        guard !body.isEmpty else { throw .empty }
        var budget = decompressLimit
        decodeCommand(body, depth: 0, budget: &budget, into: &result)
        return result
    }

    private static func decodeCommand(_ buf: ArraySlice<UInt8>, depth: Int, budget: inout Int, into result: inout DecodedPacket) {
        guard let typeByte = buf.first else {
            result.problems.append(.framing(.empty))
            return
        }
        let body = buf.dropFirst()
        guard let type = MessageType(rawValue: typeByte) else {
            result.problems.append(.unexpectedType(typeByte))
            return
        }
        do throws(PacketProblem) {
            switch type {
            case .compound, .compress:
                guard depth < maxPacketNesting else { throw PacketProblem.framing(.nestingTooDeep) }
                if type == .compound {
                    let (parts, truncated) = try wrapFraming { () throws(FramingError) in try decodeCompound(body) }
                    if truncated > 0 { result.problems.append(.truncatedCompound(count: truncated)) }
                    for part in parts { decodeCommand(part, depth: depth + 1, budget: &budget, into: &result) }
                } else {
                    let limit = budget
                    let inner = try wrapFraming { () throws(FramingError) in try decompressBody(body, limit: limit).message }
                    budget -= inner.count
                    decodeCommand(inner[...], depth: depth + 1, budget: &budget, into: &result)
                }
            case .ping: result.messages.append(.ping(try decodeBody(type, body)))
            case .indirectPing: result.messages.append(.indirectPing(try decodeBody(type, body)))
            case .ackResponse: result.messages.append(.ack(try decodeBody(type, body)))
            case .nackResponse: result.messages.append(.nack(try decodeBody(type, body)))
            case .suspect: result.messages.append(.suspect(try decodeBody(type, body)))
            case .alive: result.messages.append(.alive(try decodeBody(type, body)))
            case .dead: result.messages.append(.dead(try decodeBody(type, body)))
            case .user: result.messages.append(.user(Array(body)))
            case .pushPull, .encrypt, .hasCRC, .error, .hasLabel:
                throw PacketProblem.unexpectedType(typeByte)
            }
        } catch {
            result.problems.append(error)
        }
    }

    private static func decodeBody<T: MsgPackStruct>(_ type: MessageType, _ body: ArraySlice<UInt8>) throws(PacketProblem) -> T {
        do {
            return try T.decode(body)
        } catch {
            throw .badBody(type, error)
        }
    }

    private static func wrapFraming<T>(_ work: () throws(FramingError) -> T) throws(PacketProblem) -> T {
        do {
            return try work()
        } catch {
            throw .framing(error)
        }
    }
}
