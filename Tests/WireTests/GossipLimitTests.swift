import Testing
@testable import Wire

/// Bounds on what a peer's gossip may cost (issue #19, finding 8), at the codec level.
@Suite struct GossipLimitTests {
    /// A UDP packet: `09` compress{Algo: 0, Buf: lzw(n zero bytes)}. 1 MiB of zeros
    /// compresses to about 2 KB: the shape of the probe's 1.9 KB packet expanding to 1.09 MB.
    static func zerosPacket(_ n: Int) -> [UInt8] { Memberlist.compressedMessage([UInt8](repeating: 0, count: n)) }

    @Test func udp_compressBomb_refusedAtPacketLimit() throws {
        let bomb = Self.zerosPacket(1 << 20)
        #expect(bomb.count < 4096)
        let decoded = try Memberlist.decodePacket(bomb)
        #expect(decoded.messages.isEmpty)
        #expect(decoded.problems == [.framing(.badLZW(.outputTooLarge(limit: Memberlist.udpDecompressLimit)))])
    }

    /// Nesting cannot multiply the limit: the budget is for the whole packet.
    @Test func udp_nestedCompress_sharesOneBudget() throws {
        // A compound of two compress parts, each 40 KiB of zeros once expanded (80 KiB in all).
        let part = Self.zerosPacket(40 << 10)
        let packet = try Memberlist.compoundMessage([part, part])
        let decoded = try Memberlist.decodePacket(packet)
        #expect(decoded.problems.count == 2)
        #expect(decoded.problems.last == .framing(.badLZW(.outputTooLarge(limit: Memberlist.udpDecompressLimit - (40 << 10)))))
    }

    /// A real-sized gossip packet still decodes (a compressed alive message).
    @Test func udp_ordinaryCompressedMessage_decodes() throws {
        let alive = Memberlist.message(.alive, Memberlist.Alive(incarnation: 1, node: "n", addr: [127, 0, 0, 1], port: 9094,
                                                               meta: [], vsn: [1, 5, 5, 0, 0, 0]))
        let decoded = try Memberlist.decodePacket(Memberlist.compressedMessage(alive))
        #expect(decoded.problems.isEmpty)
        #expect(decoded.messages.count == 1)
    }

    /// A push-pull header claiming more nodes than allowed is refused from the header alone.
    @Test func stream_tooManyNodes_refusedFromHeader() {
        // 06 {Join: false, Nodes: 100000, UserStateLen: 0}
        let wire = bytes("06 83 a4", "\"Join\"", "c2 a5", "\"Nodes\"", "ce 00 01 86 a0 ac", "\"UserStateLen\"", "00")
        #expect(throws: Memberlist.StreamError.tooManyNodes(100_000)) { try Memberlist.bytesNeeded(wire) }
        #expect(throws: Memberlist.StreamError.tooManyNodes(100_000)) { try Memberlist.parseStreamMessage(wire) }
    }

    /// 64 MiB of zeros behind a compressed push-pull header: refused at the decompression limit.
    @Test func stream_compressBomb_refusedAtDecompressedLimit() {
        let limits = Memberlist.StreamLimits(maxBytes: 1 << 20, maxDecompressedBytes: 1 << 20, maxNodes: 16)
        var plain = Memberlist.encodeStreamMessage(.pushPull(Memberlist.PushPull(join: false, nodes: [], userState: [])),
                                                   compress: false)
        plain += [UInt8](repeating: 0, count: 4 << 20)
        let wire = Memberlist.compressedMessage(plain)
        #expect(throws: Memberlist.StreamError.decompressedTooLarge(limit: 1 << 20)) {
            try Memberlist.parseStreamMessage(wire, limits: limits)
        }
    }

    /// The compress header tells the whole length at once: `09 82 a4 "Algo" 00 a3 "Buf" c6 <len32>`.
    @Test func bytesNeeded_compressHeader_givesFullLength() throws {
        let header = bytes("09 82 a4", "\"Algo\"", "00 a3", "\"Buf\"", "c6 00 10 00 00")
        #expect(try Memberlist.bytesNeeded(header) == header.count + (1 << 20))
        #expect(try Memberlist.bytesNeeded(Array(header.prefix(8))) == nil)
        let huge = bytes("09 82 a4", "\"Algo\"", "00 a3", "\"Buf\"", "c6 7f ff ff ff")
        #expect(throws: Memberlist.StreamError.tooLarge(huge.count + 0x7fff_ffff)) { try Memberlist.bytesNeeded(huge) }
    }

    @Test func bytesNeeded_realMessages_equalTheirLength() throws {
        for compress in [false, true] {
            let wire = Memberlist.encodeStreamMessage(.pushPull(StreamTests.pushPull), compress: compress)
            #expect(try Memberlist.bytesNeeded(Array(wire.prefix(wire.count - 1))) == wire.count)
        }
    }
}
