import Testing
@testable import Wire

@Suite struct MsgPackWriterTests {
    static func uint(_ value: UInt64) -> String {
        var w = MsgPackWriter()
        w.writeUInt(value)
        return hex(w.bytes)
    }

    static func int(_ value: Int64) -> String {
        var w = MsgPackWriter()
        w.writeInt(value)
        return hex(w.bytes)
    }

    @Test func writeUInt_boundaries_useSmallestGoForm() {
        #expect(Self.uint(0) == "00")
        #expect(Self.uint(127) == "7f")
        #expect(Self.uint(128) == "cc 80")
        #expect(Self.uint(255) == "cc ff")
        #expect(Self.uint(256) == "cd 01 00")
        #expect(Self.uint(9094) == "cd 23 86")
        #expect(Self.uint(65535) == "cd ff ff")
        #expect(Self.uint(65536) == "ce 00 01 00 00")
        #expect(Self.uint(0xffff_ffff) == "ce ff ff ff ff")
        #expect(Self.uint(0x1_0000_0000) == "cf 00 00 00 01 00 00 00 00")
    }

    @Test func writeInt_signedValues_positiveAsUnsignedNegativeSmallest() {
        #expect(Self.int(300) == "cd 01 2c")
        #expect(Self.int(-1) == "ff")
        #expect(Self.int(-32) == "e0")
        #expect(Self.int(-33) == "d0 df")
        #expect(Self.int(-128) == "d0 80")
        #expect(Self.int(-129) == "d1 ff 7f")
        #expect(Self.int(-32768) == "d1 80 00")
        #expect(Self.int(-32769) == "d2 ff ff 7f ff")
        #expect(Self.int(Int64(Int32.min) - 1) == "d3 ff ff ff ff 7f ff ff ff")
    }

    @Test func writeStr_lengths_fixstrThenStr16NeverStr8() {
        var w = MsgPackWriter()
        w.writeStr([UInt8](repeating: 0x61, count: 31))
        #expect(w.bytes.first == 0xbf)
        w = MsgPackWriter()
        w.writeStr([UInt8](repeating: 0x61, count: 32))
        #expect(Array(w.bytes.prefix(3)) == [0xda, 0x00, 0x20])
        w = MsgPackWriter()
        w.writeStr([UInt8](repeating: 0x61, count: 70000))
        #expect(Array(w.bytes.prefix(5)) == [0xdb, 0x00, 0x01, 0x11, 0x70])
        #expect(w.bytes.count == 70005)
    }

    @Test func writeBytes_nilAndEmpty_distinguished() {
        var w = MsgPackWriter()
        w.writeBytes(nil)
        w.writeBytes([])
        w.writeBool(true)
        w.writeBool(false)
        #expect(hex(w.bytes) == "c0 a0 c3 c2")
    }

    @Test func containerHeaders_sizes_useFixThen16Then32() {
        var w = MsgPackWriter()
        w.writeMapHeader(15)
        w.writeMapHeader(16)
        w.writeArrayHeader(3)
        w.writeArrayHeader(70000)
        #expect(hex(w.bytes) == "8f de 00 10 93 dd 00 01 11 70")
    }
}

@Suite struct MsgPackReaderTests {
    @Test func readUInt_everyIntegerForm_accepted() throws {
        var r = MsgPackReader(bytes("07 cc 80 cd 23 86 ce 00 01 00 00 cf 00 00 00 01 00 00 00 00 d0 05 d1 00 06"))
        #expect(try r.readUInt() == 7)
        #expect(try r.readUInt() == 128)
        #expect(try r.readUInt() == 9094)
        #expect(try r.readUInt() == 65536)
        #expect(try r.readUInt() == 0x1_0000_0000)
        #expect(try r.readUInt() == 5)
        #expect(try r.readUInt() == 6)
        #expect(r.isAtEnd)
    }

    @Test func readUInt16_tooLarge_reportsOverflow() {
        var r = MsgPackReader(bytes("ce 00 01 11 70"))
        #expect(throws: MsgPackError.self) { try UInt16.read(from: &r) }
    }

    @Test func readUInt_negative_rejected() {
        var r = MsgPackReader(bytes("ff"))
        #expect(throws: MsgPackError.self) { try r.readUInt() }
    }

    @Test func readInt_negativeForms_decoded() throws {
        var r = MsgPackReader(bytes("e0 d0 80 d1 80 00 d2 80 00 00 00 d3 ff ff ff ff ff ff ff fe cd 01 2c"))
        #expect(try r.readInt() == -32)
        #expect(try r.readInt() == -128)
        #expect(try r.readInt() == -32768)
        #expect(try r.readInt() == Int64(Int32.min))
        #expect(try r.readInt() == -2)
        #expect(try r.readInt() == 300)
    }

    @Test func readBool_fixintZeroOne_acceptedLikeGo() throws {
        var r = MsgPackReader(bytes("c3 c2 01 00"))
        #expect(try r.readBool() == true)
        #expect(try r.readBool() == false)
        #expect(try r.readBool() == true)
        #expect(try r.readBool() == false)
    }

    @Test func readString_allStrForms_accepted() throws {
        var r = MsgPackReader(bytes("a1 78 d9 02 61 62 da 00 01 63 db 00 00 00 01 64"))
        #expect(try r.readString() == "x")
        #expect(try r.readString() == "ab")
        #expect(try r.readString() == "c")
        #expect(try r.readString() == "d")
    }

    @Test func readString_bin_rejectedLikeGo() {
        var r = MsgPackReader(bytes("c4 01 78"))
        #expect(throws: MsgPackError(.unexpectedType(0xc4, expected: "str"), at: 0)) { try r.readString() }
    }

    @Test func readStr_nonUTF8_returnedRaw() throws {
        var r = MsgPackReader(bytes("a4 0a 00 ff fe"))
        #expect(try r.readStr() == [0x0a, 0x00, 0xff, 0xfe])
    }

    @Test func readBytes_strBinNilAndIntArray_allAccepted() throws {
        var r = MsgPackReader(bytes("a2 01 02 c4 02 03 04 c0 93 05 06 cc ff"))
        #expect(try r.readBytes() == [1, 2])
        #expect(try r.readBytes() == [3, 4])
        #expect(try r.readBytes() == nil)
        #expect(try r.readBytes() == [5, 6, 255])
    }

    @Test func skipValue_nestedAndExoticTypes_landsOnNextValue() throws {
        // map{ "a": [1, 2.5 (float64), ext8, {"b": nil}] }, then 0x2a.
        var r = MsgPackReader(bytes(
            "81 a1 61 94 01 cb 40 04 00 00 00 00 00 00 c7 02 01 aa bb 81 a1 62 c0",
            "d4 01 ff ca 00 00 00 00 2a"))
        try r.skipValue()
        try r.skipValue()
        try r.skipValue()
        #expect(try r.readUInt() == 0x2a)
    }

    @Test func readString_truncated_reportsUnexpectedEnd() {
        var r = MsgPackReader(bytes("a5 61 62"))
        #expect(throws: MsgPackError(.unexpectedEnd, at: 0)) { try r.readString() }
    }

    @Test func readMapHeader_hugeCount_rejectedWithoutAllocating() {
        var r = MsgPackReader(bytes("df ff ff ff ff 00"))
        #expect(throws: MsgPackError(.lengthTooLarge(0xffff_ffff), at: 0)) { try r.readMapHeader() }
    }

    @Test func skipValue_deepNesting_rejected() {
        var r = MsgPackReader([UInt8](repeating: 0x91, count: 1000) + [0x00])
        #expect(throws: MsgPackError.self) { try r.skipValue() }
    }

    @Test func skipValue_reservedByte_rejected() {
        var r = MsgPackReader(bytes("c1"))
        #expect(throws: MsgPackError(.invalidTypeByte(0xc1), at: 0)) { try r.skipValue() }
    }
}
