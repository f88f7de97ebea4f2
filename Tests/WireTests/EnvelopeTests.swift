import Testing
import TestKit
@testable import Wire

/// Framing vectors from the reference (cluster-protocol.md C.5, C.6, C.8).
@Suite struct EnvelopeTests {
    static let ack = bytes("02 82 a7", "\"Payload\"", "a0 a5", "\"SeqNo\"", "07")
    static let user = bytes("08 0a 03", "\"sil\"", "12 00")
    static let compound = bytes("07 02 00 12 00 08") + ack + user

    @Test func crc32_standardCheckValue_matches() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func compoundMessage_ackAndUser_matchesReference() throws {
        #expect(hex(try Memberlist.compoundMessage([Self.ack, Self.user])) == hex(Self.compound))
    }

    @Test func addCRC_compound_matchesReference() {
        #expect(hex(Array(Memberlist.addCRC(Self.compound).prefix(5))) == "0c 32 1c 90 64")
    }

    @Test func stripCRC_corruptedByte_rejected() {
        var packet = Memberlist.addCRC(Self.compound)
        packet[10] ^= 0x01
        #expect(throws: Memberlist.FramingError.self) { try Memberlist.stripCRC(packet[...]) }
    }

    @Test func compressedMessage_compound_matchesReferenceLayout() {
        let wire = Memberlist.compressedMessage(Self.compound)
        #expect(wire.count == 53)
        let header = bytes("09 82 a4", "\"Algo\"", "00 a3", "\"Buf\"", "da 00 26 00 0f 08 00 20")
        #expect(hex(Array(wire.prefix(header.count))) == hex(header))
    }

    @Test func decodeCompound_truncatedTail_keepsCompleteParts() throws {
        let cut = Self.compound.dropFirst().dropLast(3)
        let (parts, truncated) = try Memberlist.decodeCompound(cut)
        #expect(parts.map(Array.init) == [Self.ack])
        #expect(truncated == 1)
    }

    @Test func decodeCompound_missingLengths_rejected() {
        #expect(throws: Memberlist.FramingError.truncatedCompoundLengths) {
            try Memberlist.decodeCompound(bytes("03 00 01")[...])
        }
    }

    @Test func compoundMessages_300Parts_splitInto255AndRest() throws {
        let compounds = try Memberlist.compoundMessages(Array(repeating: [0x08], count: 300))
        #expect(compounds.map { $0[1] } == [255, 45])
    }

    @Test func compoundMessage_256Parts_rejected() {
        #expect(throws: Memberlist.FramingError.compoundTooManyParts(256)) {
            try Memberlist.compoundMessage(Array(repeating: [0x08], count: 256))
        }
    }

    @Test func label_addAndStrip_roundTrips() throws {
        let labelled = try #require(Memberlist.addLabel(Array("prod".utf8), to: Self.user))
        #expect(Array(labelled.prefix(2)) == [0xf4, 4])
        let (label, rest) = try Memberlist.stripLabel(labelled[...])
        #expect(label == Array("prod".utf8))
        #expect(Array(rest) == Self.user)
    }

    @Test func decodePacket_crcCompound_yieldsAckAndUser() throws {
        let decoded = try Memberlist.decodePacket(Memberlist.addCRC(Self.compound))
        #expect(decoded.hadCRC)
        #expect(decoded.problems.isEmpty)
        #expect(decoded.messages == [
            .ack(Memberlist.AckResponse(seqNo: 7, payload: [])),
            .user(bytes("0a 03", "\"sil\"", "12 00")),
        ])
    }

    @Test func decodePacket_compressedCompound_recurses() throws {
        let decoded = try Memberlist.decodePacket(Memberlist.compressedMessage(Self.compound))
        #expect(!decoded.hadCRC)
        #expect(decoded.messages.count == 2)
        #expect(decoded.problems.isEmpty)
    }

    @Test func decodePacket_badPartInCompound_reportsProblemKeepsRest() throws {
        let bad = bytes("04 81 a4", "\"Port\"", "ce 00 01 11 70")   // Port overflows uint16
        let packet = try Memberlist.compoundMessage([bad, Self.user, [0x06, 0x80], [0x63]])
        let decoded = try Memberlist.decodePacket(packet)
        #expect(decoded.messages == [.user(bytes("0a 03", "\"sil\"", "12 00"))])
        #expect(decoded.problems.count == 3)
        #expect(decoded.problems.contains(.unexpectedType(0x06)))
        #expect(decoded.problems.contains(.unexpectedType(0x63)))
    }

    @Test func decodePacket_crcMismatch_dropsWholePacket() {
        var packet = Memberlist.addCRC(Self.compound)
        packet[1] ^= 0xff
        #expect(throws: Memberlist.FramingError.self) { try Memberlist.decodePacket(packet) }
    }

    @Test func decodePacket_labelled_reportsLabel() throws {
        let packet = try #require(Memberlist.addLabel(Array("x".utf8), to: Self.ack))
        let decoded = try Memberlist.decodePacket(packet)
        #expect(decoded.label == Array("x".utf8))
        #expect(decoded.messages.count == 1)
    }

    @Test func decodePacket_randomGarbage_neverCrashes() {
        var generator = SplitMix(seed: 99)
        for round in 0..<500 {
            let count = Int(generator.next() % 120) + 1
            var garbage = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            garbage[0] = UInt8(round % 14)
            _ = try? Memberlist.decodePacket(garbage)
        }
    }
}
