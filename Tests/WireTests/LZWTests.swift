import Testing
import TestKit
@testable import Wire

/// Expected outputs were produced with Go 1.19.8's `compress/lzw` (LSB, litWidth 8).
@Suite struct LZWTests {
    /// The reference's 32-byte compound (ack + userMsg).
    static let compound = bytes("07 02 00 12 00 08 02 82 a7", "\"Payload\"", "a0 a5", "\"SeqNo\"", "07 08 0a 03", "\"sil\"", "12 00")

    static func mixed() -> [UInt8] { (0..<20000).map { UInt8(truncatingIfNeeded: ($0 * $0 * 31 + $0 >> 3) % 256) } }

    static func lcg() -> [UInt8] {
        var x: UInt32 = 1
        return (0..<70000).map { _ in
            x = x &* 1_103_515_245 &+ 12345
            return UInt8((x >> 16) % 16)
        }
    }

    static func text() -> [UInt8] {
        Array(String(repeating: "silence alertname=Foo team-X webhook ", count: 3000).utf8)
    }

    @Test func compress_referenceExample_matchesGo() {
        #expect(hex(LZW.compress([0x02, 0x82, 0xa5])) == "00 05 08 2a 15 10")
    }

    @Test func compress_smallInputs_matchGo() {
        #expect(hex(LZW.compress([])) == "00 03 02")
        #expect(hex(LZW.compress([0x41])) == "00 83 04 04")
        #expect(hex(LZW.compress(Array(repeating: UInt8(ascii: "a"), count: 10))) == "00 c3 08 1c 48 30 20")
        #expect(hex(LZW.compress(Self.compound)) ==
            "00 0f 08 00 20 01 00 02 01 82 4e 41 09 93 87 cd 9b 30 64 40 95 9a 52 26 8e 93 37 07 10 28 18 30 27 0d 9b 82 01 01")
    }

    @Test(arguments: [
        ("mixed20000", 19744, UInt32(0xa805_a16e)),
        ("zeros100000", 530, UInt32(0x2f32_f651)),
        ("text", 3919, UInt32(0xc27d_31f8)),
        ("lcg70000", 43902, UInt32(0x4297_f722)),
    ])
    func compress_largeInputsWithTableResets_matchGo(name: String, length: Int, crc: UInt32) throws {
        let input = try #require(Self.input(named: name))
        let compressed = LZW.compress(input)
        #expect(compressed.count == length)
        #expect(CRC32.checksum(compressed) == crc)
        #expect(try LZW.decompress(compressed) == input)
    }

    static func input(named name: String) -> [UInt8]? {
        switch name {
        case "mixed20000": return mixed()
        case "zeros100000": return [UInt8](repeating: 0, count: 100_000)
        case "text": return text()
        case "lcg70000": return lcg()
        default: return nil
        }
    }

    @Test func decompress_referenceExample_yieldsInput() throws {
        #expect(try LZW.decompress(bytes("00 05 08 2a 15 10")) == [0x02, 0x82, 0xa5])
    }

    @Test func decompress_kwkwkSequence_yieldsRun() throws {
        #expect(try LZW.decompress(bytes("00 c3 08 1c 48 30 20")) == Array(repeating: UInt8(ascii: "a"), count: 10))
    }

    @Test func decompress_emptyStream_yieldsNothing() throws {
        #expect(try LZW.decompress(bytes("00 03 02")) == [])
    }

    @Test func decompress_withoutLeadingClear_stillDecodes() throws {
        // Codes 0x41, eof (9 bits each): 0x41 | 257 << 9.
        let value: UInt32 = 0x41 | (257 << 9)
        #expect(try LZW.decompress([UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8(value >> 16)]) == [0x41])
    }

    @Test func decompress_missingEOF_throwsUnexpectedEnd() {
        let compressed = LZW.compress(Self.text())
        #expect(throws: LZW.DecodeError.self) { try LZW.decompress(Array(compressed.dropLast(3))) }
        guard case .unexpectedEnd? = Self.error(of: Array(compressed.dropLast(3))) else {
            Issue.record("expected unexpectedEnd")
            return
        }
    }

    @Test func decompress_codeBeyondTable_throwsInvalidCode() {
        // clear, then code 300 while the next free slot is 257.
        let value: UInt32 = 256 | (300 << 9)
        let input = [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8(value >> 16)]
        #expect(Self.error(of: input) == .invalidCode(300, atByte: 3))
    }

    @Test func decompress_outputOverLimit_throws() {
        let compressed = LZW.compress([UInt8](repeating: 7, count: 10_000))
        #expect(Self.error(of: compressed, limit: 1000) == .outputTooLarge(limit: 1000))
    }

    @Test func decompress_randomGarbage_neverCrashes() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<300 {
            let count = Int(generator.next() % 200)
            let garbage = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? LZW.decompress(garbage, limit: 1 << 20)
        }
    }

    static func error(of input: [UInt8], limit: Int = .max) -> LZW.DecodeError? {
        do {
            _ = try LZW.decompress(input, limit: limit)
            return nil
        } catch {
            return error
        }
    }
}
