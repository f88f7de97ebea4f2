@testable import MeshTransport
import NIOCore
import Wire
import XCTest

/// A stream message read in small pieces is parsed once, when its headers say it is all
/// there, and refused as soon as its headers declare more than the limits allow.
final class StreamReaderTests: XCTestCase {
    let pushPull = Memberlist.StreamMessage.pushPull(Memberlist.PushPull(
        join: false, nodes: [Memberlist.PushNodeState(name: "a", addr: [127, 0, 0, 1], port: 9094, incarnation: 1, state: .alive)],
        userState: Array(repeating: 7, count: 5000)))

    func test_read_onePieceAtATime_messageOnlyAtTheEnd() throws {
        for compress in [true, false] {
            let wire = Memberlist.encodeStreamMessage(pushPull, compress: compress)
            var reader = StreamReader()
            for (i, byte) in wire.enumerated() {
                let got = try reader.read([byte], label: [], limits: Memberlist.StreamLimits())
                XCTAssertEqual(got, i == wire.count - 1 ? pushPull : nil, "byte \(i), compress \(compress)")
            }
        }
    }

    func test_read_declaredBeyondLimit_refusedFromHeader() {
        // 09 {Algo: 0, Buf: bin32 of 64 MiB}: refused before any of the buffer arrives.
        var header: [UInt8] = [0x09, 0x82, 0xa4] + Array("Algo".utf8) + [0x00, 0xa3] + Array("Buf".utf8)
        header += [0xc6, 0x04, 0x00, 0x00, 0x00]
        var reader = StreamReader()
        XCTAssertThrowsError(try reader.read(header, label: [], limits: Memberlist.StreamLimits())) { e in
            XCTAssertEqual(e as? Memberlist.StreamError, .tooLarge(header.count + (64 << 20)))
        }
    }
}
