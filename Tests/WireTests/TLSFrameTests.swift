import Testing
@testable import Wire

/// The frames of Alertmanager's TLS transport (`--cluster.tls-config`), as its
/// `cluster/tls_connection.go` writes them: a 4-byte little-endian length, then the
/// `MemberlistMessage` protobuf.
@Suite struct TLSFrameTests {
    @Test func streamFrame_isUpstreamsBytes() {
        // version "v0.1.0"; kind STREAM is proto3's zero value, so it is not written.
        #expect(TLSFrame.encode(.stream) == bytes("08 00 00 00", "0a 06", "\"v0.1.0\""))
    }

    @Test func packetFrame_isUpstreamsBytes() {
        let frame = TLSFrame.encode(.packet(from: "10.0.0.1:9094", bytes: [1, 2, 3]))
        #expect(frame == bytes("1e 00 00 00", "0a 06", "\"v0.1.0\"", "10 01", "1a 0d", "\"10.0.0.1:9094\"", "22 03 01 02 03"))
    }

    @Test func decode_frameSplitAcrossReads_waitsThenReadsItAndTheNextOne() throws {
        let first = TLSFrame.encode(.packet(from: "127.0.0.1:1", bytes: Array(repeating: 7, count: 300)))
        let both = first + TLSFrame.encode(.stream) + [0xAA]
        for cut in [0, 3, 4, first.count - 1] {
            #expect(try TLSFrame.decode(both.prefix(cut), maxBytes: 1 << 20) == nil)
        }
        let (kind, consumed) = try #require(try TLSFrame.decode(both, maxBytes: 1 << 20))
        #expect(kind == .packet(from: "127.0.0.1:1", bytes: Array(repeating: 7, count: 300)))
        #expect(consumed == first.count)
        let (next, used) = try #require(try TLSFrame.decode(both.dropFirst(consumed), maxBytes: 1 << 20))
        #expect(next == .stream)
        // What follows a STREAM frame is the raw stream, left to the caller.
        #expect(consumed + used == both.count - 1)
    }

    @Test func decode_declaredLengthOverTheLimit_failsBeforeTheBytesArrive() {
        #expect(throws: TLSFrame.Failure.self) { try TLSFrame.decode(bytes("01 00 00 01"), maxBytes: 1 << 20) }
    }

    @Test func decode_otherVersion_failsWithUpstreamsText() {
        var frame = TLSFrame.encode(.stream)
        frame[4 + 2 + 5] = UInt8(ascii: "9")  // v0.1.9
        #expect(throws: TLSFrame.Failure("tls memberlist message version incompatible")) {
            try TLSFrame.decode(frame, maxBytes: 1 << 20)
        }
    }
}
