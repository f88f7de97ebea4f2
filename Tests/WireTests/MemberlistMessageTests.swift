import Testing
@testable import Wire

/// Byte vectors from the reference's worked examples (cluster-protocol.md C.8), which were
/// produced by the real go-msgpack v0.5.3 codec.
enum Names {
    static let e4 = "01GMZ3Y0N5Q7W8X9A0B1C2D3E4"
    static let e5 = "01GMZ3Y0N5Q7W8X9A0B1C2D3E5"
}

@Suite struct MemberlistMessageTests {
    static let aliveBytes = bytes(
        "04 86",
        "a4", "\"Addr\"", "a4 0a 00 00 01",
        "ab", "\"Incarnation\"", "01",
        "a4", "\"Meta\"", "a0",
        "a4", "\"Node\"", "ba", "\"\(Names.e4)\"",
        "a4", "\"Port\"", "cd 23 86",
        "a3", "\"Vsn\"", "a6 01 05 02 00 00 00")

    static let pingBytes = bytes(
        "00 85",
        "a4", "\"Node\"", "ba", "\"\(Names.e4)\"",
        "a5", "\"SeqNo\"", "07",
        "aa", "\"SourceAddr\"", "a4 0a 00 00 01",
        "aa", "\"SourceNode\"", "ba", "\"\(Names.e5)\"",
        "aa", "\"SourcePort\"", "cd 23 86")

    @Test func alive_referenceDump_encodesByteForByte() {
        let alive = Memberlist.Alive(incarnation: 1, node: Names.e4, addr: [10, 0, 0, 1], port: 9094)
        #expect(Self.aliveBytes.count == 82)
        #expect(hex(Memberlist.message(.alive, alive)) == hex(Self.aliveBytes))
    }

    @Test func alive_referenceDump_decodes() throws {
        let alive = try Memberlist.Alive.decode(Self.aliveBytes.dropFirst())
        #expect(alive == Memberlist.Alive(incarnation: 1, node: Names.e4, addr: [10, 0, 0, 1], port: 9094))
        #expect(alive.vsn == Memberlist.alertmanagerVsn)
        #expect(alive.meta == [])
    }

    @Test func ping_referenceDump_encodesByteForByte() {
        let ping = Memberlist.Ping(seqNo: 7, node: Names.e4, sourceAddr: [10, 0, 0, 1], sourcePort: 9094, sourceNode: Names.e5)
        #expect(Self.pingBytes.count == 109)
        #expect(hex(Memberlist.message(.ping, ping)) == hex(Self.pingBytes))
        #expect((try? Memberlist.Ping.decode(Self.pingBytes.dropFirst())) == ping)
    }

    @Test func ping_emptySourceFields_omittedFromMap() {
        let ping = Memberlist.Ping(seqNo: 1, node: "")
        #expect(hex(Memberlist.message(.ping, ping)) == hex(bytes("00 82 a4", "\"Node\"", "a0 a5", "\"SeqNo\"", "01")))
    }

    @Test func ack_payloadEmptyOrNil_matchReference() {
        #expect(hex(Memberlist.message(.ackResponse, Memberlist.AckResponse(seqNo: 7, payload: []))) ==
            hex(bytes("02 82 a7", "\"Payload\"", "a0 a5", "\"SeqNo\"", "07")))
        #expect(hex(Memberlist.message(.ackResponse, Memberlist.AckResponse(seqNo: 7, payload: nil))) ==
            hex(bytes("02 82 a7", "\"Payload\"", "c0 a5", "\"SeqNo\"", "07")))
    }

    @Test func suspect_referenceDump_roundTrips() throws {
        let wire = bytes("03 83 a4", "\"From\"", "a1", "\"x\"", "ab", "\"Incarnation\"", "01 a4", "\"Node\"", "ba", "\"\(Names.e4)\"")
        let suspect = Memberlist.Suspect(incarnation: 1, node: Names.e4, from: "x")
        #expect(hex(Memberlist.message(.suspect, suspect)) == hex(wire))
        #expect(try Memberlist.Suspect.decode(wire.dropFirst()) == suspect)
    }

    @Test func dead_leave_encodesLikeSuspectLayout() throws {
        let dead = Memberlist.Dead(incarnation: 300, node: "n", from: "n")
        let wire = bytes("05 83 a4", "\"From\"", "a1", "\"n\"", "ab", "\"Incarnation\"", "cd 01 2c a4", "\"Node\"", "a1", "\"n\"")
        #expect(hex(Memberlist.message(.dead, dead)) == hex(wire))
        #expect(try Memberlist.Dead.decode(wire.dropFirst()) == dead)
    }

    @Test func pushPullHeader_referenceDump_encodesByteForByte() throws {
        let header = Memberlist.PushPullHeader(nodes: 1, userStateLen: 300, join: true)
        let wire = bytes("06 83 a4", "\"Join\"", "c3 a5", "\"Nodes\"", "01 ac", "\"UserStateLen\"", "cd 01 2c")
        #expect(hex(Memberlist.message(.pushPull, header)) == hex(wire))
        #expect(try Memberlist.PushPullHeader.decode(wire.dropFirst()) == header)
    }

    @Test func pushNodeState_referenceDump_encodesByteForByte() throws {
        let wire = bytes(
            "87 a4", "\"Addr\"", "a4 0a 00 00 01 ab", "\"Incarnation\"", "01 a4", "\"Meta\"", "a0 a4", "\"Name\"",
            "ba", "\"\(Names.e4)\"", "a4", "\"Port\"", "cd 23 86 a5", "\"State\"", "00 a3", "\"Vsn\"", "a6 01 05 02 00 00 00")
        let node = Memberlist.PushNodeState(name: Names.e4, addr: [10, 0, 0, 1], port: 9094, incarnation: 1, state: .alive)
        #expect(hex(node.msgpackBytes()) == hex(wire))
        #expect(try Memberlist.PushNodeState.decode(wire) == node)
    }

    @Test func userMessageHeader_referenceDump_encodesByteForByte() {
        let wire = bytes("08 81 aa", "\"UserMsgLen\"", "cd 03 e8")
        #expect(hex(Memberlist.message(.user, Memberlist.UserMessageHeader(userMsgLen: 1000))) == hex(wire))
    }

    @Test func indirectPing_allFields_sortedKeysRoundTrip() throws {
        var request = Memberlist.IndirectPingRequest()
        request.seqNo = 9
        request.target = [10, 0, 0, 2]
        request.port = 9094
        request.node = "t"
        request.nack = true
        request.sourceAddr = [10, 0, 0, 1]
        request.sourcePort = 9094
        request.sourceNode = "s"
        let wire = bytes(
            "88 a4", "\"Nack\"", "c3 a4", "\"Node\"", "a1", "\"t\"", "a4", "\"Port\"", "cd 23 86 a5", "\"SeqNo\"", "09",
            "aa", "\"SourceAddr\"", "a4 0a 00 00 01 aa", "\"SourceNode\"", "a1", "\"s\"", "aa", "\"SourcePort\"", "cd 23 86",
            "a6", "\"Target\"", "a4 0a 00 00 02")
        #expect(hex(request.msgpackBytes()) == hex(wire))
        #expect(try Memberlist.IndirectPingRequest.decode(wire) == request)
    }

    @Test func decode_shuffledKeysUnknownFieldsAndBinAddr_tolerated() throws {
        // Keys out of order, an unknown nested field, Addr as bin, Meta nil, 16-byte IPv4-mapped address.
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]
        var w = MsgPackWriter()
        w.writeMapHeader(8)
        w.writeString("Vsn"); w.writeStr(Memberlist.alertmanagerVsn)
        w.writeString("Extra"); w.writeArrayHeader(2); w.writeMapHeader(0); w.writeString("zz")
        w.writeString("Port"); w.writeUInt(9094)
        w.writeString("Node"); w.writeString("n1")
        w.writeString("Meta"); w.writeNil()
        w.writeString("Incarnation"); w.writeUInt(70000)
        w.writeString("node"); w.writeString("lowercase keys do not match")
        var bin: [UInt8] = [0xc4, 16]
        bin.append(contentsOf: mapped)
        let wire = w.bytes + bytes("a4", "\"Addr\"") + bin
        let alive = try Memberlist.Alive.decode(wire)
        #expect(alive == Memberlist.Alive(incarnation: 70000, node: "n1", addr: mapped, port: 9094, meta: nil))
    }

    @Test func decode_stringFieldAsBin_failsLikeGo() {
        let wire = bytes("81 a4", "\"Node\"", "c4 01 61")
        #expect(throws: MsgPackError.self) { try Memberlist.Suspect.decode(wire) }
    }

    @Test func decode_nilOrEmptyMap_yieldsZeroValue() throws {
        #expect(try Memberlist.Alive.decode(bytes("c0")) == Memberlist.Alive())
        #expect(try Memberlist.NackResponse.decode(bytes("80")) == Memberlist.NackResponse())
    }

    @Test func decode_unknownNodeState_keptAsRawValue() throws {
        let wire = bytes("81 a5", "\"State\"", "07")
        #expect(try Memberlist.PushNodeState.decode(wire).state.rawValue == 7)
    }

    @Test func fieldTables_areInGoSortedKeyOrder() {
        func keys<T: MsgPackStruct>(_: T.Type) -> [String] { T.fields.map(\.key) }
        let tables = [
            keys(Memberlist.Ping.self), keys(Memberlist.IndirectPingRequest.self), keys(Memberlist.AckResponse.self),
            keys(Memberlist.NackResponse.self), keys(Memberlist.ErrorResponse.self), keys(Memberlist.Accusation.self),
            keys(Memberlist.Alive.self), keys(Memberlist.PushPullHeader.self), keys(Memberlist.PushNodeState.self),
            keys(Memberlist.UserMessageHeader.self), keys(Memberlist.Compress.self),
        ]
        for table in tables {
            #expect(zip(table, table.dropFirst()).allSatisfy { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) },
                    "\(table)")
        }
    }

    @Test func errorResponse_roundTrips() throws {
        let wire = bytes("81 a5", "\"Error\"", "a4", "\"boom\"")
        #expect(hex(Memberlist.ErrorResponse(error: "boom").msgpackBytes()) == hex(wire))
        #expect(try Memberlist.ErrorResponse.decode(wire).error == "boom")
    }
}
