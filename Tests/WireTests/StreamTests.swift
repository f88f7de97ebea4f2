import Testing
@testable import Wire

@Suite struct StreamTests {
    static let pushPull = Memberlist.PushPull(
        join: true,
        nodes: [
            Memberlist.PushNodeState(name: Names.e4, addr: [10, 0, 0, 1], port: 9094, incarnation: 1, state: .alive),
            Memberlist.PushNodeState(name: Names.e5, addr: [10, 0, 0, 2], port: 9094, meta: nil, incarnation: 3, state: .dead),
        ],
        userState: Array(0..<200))

    @Test func pushPull_uncompressed_matchesReferenceLayout() throws {
        let plain = Memberlist.encodeStreamMessage(.pushPull(Self.pushPull), compress: false)
        let header = bytes("06 83 a4", "\"Join\"", "c3 a5", "\"Nodes\"", "02 ac", "\"UserStateLen\"", "cc c8")
        #expect(hex(Array(plain.prefix(header.count))) == hex(header))
        #expect(Array(plain.suffix(200)) == Array(0..<200))
        let parsed = try #require(try Memberlist.parseStreamMessage(plain))
        #expect(parsed.message == .pushPull(Self.pushPull))
        #expect(parsed.consumed == plain.count)
    }

    @Test func pushPull_compressed_roundTrips() throws {
        let wire = Memberlist.encodeStreamMessage(.pushPull(Self.pushPull))
        #expect(wire.first == 0x09)
        let parsed = try #require(try Memberlist.parseStreamMessage(wire + [0xde, 0xad]))
        #expect(parsed.message == .pushPull(Self.pushPull))
        #expect(parsed.consumed == wire.count)
    }

    @Test func parseStream_everyPrefix_asksForMoreBytes() throws {
        for compress in [false, true] {
            let wire = Memberlist.encodeStreamMessage(.pushPull(Self.pushPull), compress: compress)
            for length in 0..<wire.count {
                #expect(try Memberlist.parseStreamMessage(Array(wire.prefix(length))) == nil)
            }
        }
    }

    @Test func userStream_referenceHeader_thenPayload() throws {
        let payload = [UInt8](repeating: 0x2a, count: 1000)
        let plain = Memberlist.encodeStreamMessage(.user(payload), compress: false)
        #expect(hex(Array(plain.prefix(16))) == hex(bytes("08 81 aa", "\"UserMsgLen\"", "cd 03 e8")))
        #expect(try Memberlist.parseStreamMessage(Memberlist.compressedMessage(plain))?.message == .user(payload))
    }

    @Test func pingAckAndError_streams_roundTrip() throws {
        let messages: [Memberlist.StreamMessage] = [
            .ping(Memberlist.Ping(seqNo: 3, node: "n")),
            .ack(Memberlist.AckResponse(seqNo: 3, payload: nil)),
            .error(Memberlist.ErrorResponse(error: "nope")),
        ]
        for message in messages {
            #expect(try Memberlist.parseStreamMessage(Memberlist.encodeStreamMessage(message))?.message == message)
        }
    }

    @Test func compressedStream_shortUserState_reportsTruncatedBody() {
        var plain = Memberlist.encodeStreamMessage(.pushPull(Self.pushPull), compress: false)
        plain.removeLast(10)
        #expect(throws: Memberlist.StreamError.truncatedBody) {
            try Memberlist.parseStreamMessage(Memberlist.compressedMessage(plain))
        }
    }

    @Test func parseStream_encryptedOrUnknownType_rejected() {
        #expect(throws: Memberlist.StreamError.unexpectedType(0x0a)) { try Memberlist.parseStreamMessage([0x0a, 0, 0, 0, 1]) }
        #expect(throws: Memberlist.StreamError.unexpectedType(0x03)) { try Memberlist.parseStreamMessage([0x03, 0x80]) }
    }

    @Test func parseStream_negativeNodeCount_rejected() {
        let wire = bytes("06 83 a4", "\"Join\"", "c2 a5", "\"Nodes\"", "ff ac", "\"UserStateLen\"", "00")
        #expect(throws: Memberlist.StreamError.negativeLength(-1)) { try Memberlist.parseStreamMessage(wire) }
    }

    @Test func parseStream_corruptLZW_reportsFramingError() {
        var compress = Memberlist.Compress(buf: [0xff, 0xff, 0xff, 0xff])
        compress.algo = 0
        let wire = Memberlist.message(.compress, compress)
        #expect(throws: Memberlist.StreamError.self) { try Memberlist.parseStreamMessage(wire) }
    }
}
