import GoCompat
import XCTest

/// The word tests must agree with a byte-by-byte look on every word, non-ASCII bytes and
/// bytes next to the probed values included: a false "no" would let a quote or a control
/// byte through a JSON scanner unescaped.
final class WordScanTests: XCTestCase {
    func test_wordTests_agreeWithBytewiseChecks() {
        var rng = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0x81, 0xE2, 0xFF]
        for _ in 0..<200_000 {
            let bytes = (0..<8).map { _ in Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
            let w = bytes.withUnsafeBufferPointer { WordScan.load($0.baseAddress!) }
            XCTAssertEqual(WordScan.hasNonASCII(w), bytes.contains { $0 >= 0x80 }, "\(bytes)")
            XCTAssertEqual(WordScan.hasByte(below: 0x20, w), bytes.contains { $0 < 0x20 }, "\(bytes)")
            for c: UInt8 in [0x22, 0x5C, 0x3C] {
                XCTAssertEqual(WordScan.hasByte(c, w), bytes.contains(c), "\(c) in \(bytes)")
            }
        }
    }
}
