extension Memberlist {
    /// Most parts one compound message can carry (its count is one byte).
    package static let maxCompoundParts = 255

    /// Problems with memberlist framing (packets, compound, compress, CRC, label).
    package enum FramingError: Error, Equatable, Sendable {
        /// A packet or part with no type byte.
        case empty
        case compoundTooManyParts(Int)
        case compoundPartTooLarge(Int)
        case missingCompoundLength
        case truncatedCompoundLengths
        case crcMismatch(expected: UInt32, actual: UInt32)
        case labelHeaderTruncated
        case unknownCompressionAlgorithm(UInt8)
        case badCompress(MsgPackError)
        case badLZW(LZW.DecodeError)
        /// Compress messages nested inside each other deeper than the decoder follows.
        case nestingTooDeep
    }

    /// `compoundMsg` (type 7): `u8 count | count × u16 BE length | parts`.
    /// Throws if there are more than 255 parts or a part exceeds 65535 bytes
    /// (Go would silently truncate the length; see `compoundMessages` to split).
    package static func compoundMessage(_ parts: [[UInt8]]) throws(FramingError) -> [UInt8] {
        guard parts.count <= maxCompoundParts else { throw .compoundTooManyParts(parts.count) }
        var out: [UInt8] = [MessageType.compound.rawValue, UInt8(parts.count)]
        for part in parts {
            guard part.count <= 0xffff else { throw .compoundPartTooLarge(part.count) }
            out.append(UInt8(part.count >> 8))
            out.append(UInt8(part.count & 0xff))
        }
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    /// Splits `parts` into compounds of at most 255 parts (Go's `makeCompoundMessages`).
    package static func compoundMessages(_ parts: [[UInt8]]) throws(FramingError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var start = 0
        while start < parts.count {
            let end = min(start + maxCompoundParts, parts.count)
            out.append(try compoundMessage(Array(parts[start..<end])))
            start = end
        }
        return out
    }

    /// Splits a compound body (after the type byte) into its parts (Go's `decodeCompoundMessage`).
    /// `truncated` counts parts whose bytes are missing; the complete ones are still returned.
    package static func decodeCompound(_ body: ArraySlice<UInt8>) throws(FramingError) -> (parts: [ArraySlice<UInt8>], truncated: Int) {
        guard let count = body.first.map(Int.init) else { throw .missingCompoundLength }
        var index = body.startIndex + 1
        guard body.endIndex - index >= count * 2 else { throw .truncatedCompoundLengths }
        var lengths: [Int] = []
        for _ in 0..<count {
            lengths.append(Int(body[index]) << 8 | Int(body[index + 1]))
            index += 2
        }
        var parts: [ArraySlice<UInt8>] = []
        for (position, length) in lengths.enumerated() {
            guard body.endIndex - index >= length else { return (parts, count - position) }
            parts.append(body[index..<(index + length)])
            index += length
        }
        return (parts, 0)
    }

    /// Prefixes a packet with `hasCrcMsg` and the big-endian CRC32 (IEEE) of the packet.
    package static func addCRC(_ packet: [UInt8]) -> [UInt8] {
        let crc = CRC32.checksum(packet)
        return [MessageType.hasCRC.rawValue, UInt8(crc >> 24), UInt8((crc >> 16) & 0xff),
                UInt8((crc >> 8) & 0xff), UInt8(crc & 0xff)] + packet
    }

    /// Verifies and strips a CRC header if the packet has one (`len >= 5 && buf[0] == 12`);
    /// otherwise returns the packet unchanged.
    package static func stripCRC(_ packet: ArraySlice<UInt8>) throws(FramingError) -> ArraySlice<UInt8> {
        guard packet.count >= 5, packet.first == MessageType.hasCRC.rawValue else { return packet }
        let start = packet.startIndex
        var expected: UInt32 = 0
        for index in (start + 1)...(start + 4) { expected = expected << 8 | UInt32(packet[index]) }
        let rest = packet[(start + 5)...]
        let actual = CRC32.checksum(rest)
        guard actual == expected else { throw .crcMismatch(expected: expected, actual: actual) }
        return rest
    }

    /// Prefixes a label header `F4 | len | label` (empty label: unchanged; labels over 255 bytes
    /// are not representable and are rejected).
    package static func addLabel(_ label: [UInt8], to packet: [UInt8]) -> [UInt8]? {
        guard !label.isEmpty else { return packet }
        guard label.count <= 255 else { return nil }
        return [MessageType.hasLabel.rawValue, UInt8(label.count)] + label + packet
    }

    /// Splits off a label header if present; returns the label (empty if none) and the rest.
    package static func stripLabel(_ packet: ArraySlice<UInt8>) throws(FramingError) -> (label: [UInt8], rest: ArraySlice<UInt8>) {
        guard packet.first == MessageType.hasLabel.rawValue else { return ([], packet) }
        let start = packet.startIndex
        guard packet.count >= 2 else { throw .labelHeaderTruncated }
        let length = Int(packet[start + 1])
        guard length >= 1, packet.count >= 2 + length else { throw .labelHeaderTruncated }
        return (Array(packet[(start + 2)..<(start + 2 + length)]), packet[(start + 2 + length)...])
    }

    /// `compressMsg`: `09 | msgpack compress{Algo: 0, Buf: lzw(message)}`.
    /// memberlist sends this on UDP only when it is shorter than `message`, and always on streams.
    package static func compressedMessage(_ message: [UInt8]) -> [UInt8] {
        self.message(.compress, Compress(buf: LZW.compress(message)))
    }

    /// Decodes a compress body (after the `09` type byte) back into the wrapped message.
    /// Returns the decompressed bytes and how many body bytes the compress map used.
    package static func decompressBody(_ body: ArraySlice<UInt8>, limit: Int = .max) throws(FramingError) -> (message: [UInt8], consumed: Int) {
        var reader = MsgPackReader(Array(body))
        let envelope: Compress
        do {
            envelope = try Compress.decode(from: &reader)
        } catch {
            throw .badCompress(error)
        }
        guard envelope.algo == 0 else { throw .unknownCompressionAlgorithm(envelope.algo) }
        do {
            return (try LZW.decompress(envelope.buf, limit: limit), reader.offset)
        } catch {
            throw .badLZW(error)
        }
    }
}
