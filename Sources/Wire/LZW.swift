/// LZW compression compatible with Go's `compress/lzw` in `LSB` order with 8-bit literals,
/// the only algorithm memberlist's `compress` message uses (`lzwAlgo`).
///
/// Codes are packed least-significant-bit first, start 9 bits wide and grow to 12;
/// 256 is `clear`, 257 is `eof`. The encoder reproduces Go 1.19's writer byte for byte
/// (leading `clear`, `clear` again when the table fills, trailing `eof`, zero padding);
/// the decoder follows Go's reader (KwKwK case, table freeze at 12 bits, missing `eof`
/// is an error).
package enum LZW {
    static let clearCode: UInt32 = 256
    static let eofCode: UInt32 = 257
    static let maxCode: UInt32 = 4095
    static let maxWidth: UInt32 = 12

    /// Why LZW input could not be decompressed.
    package enum DecodeError: Error, Equatable, Sendable {
        /// The input ended before an `eof` code (Go's `io.ErrUnexpectedEOF`).
        case unexpectedEnd(decodedBytes: Int)
        /// A code above the next table slot (Go's "lzw: invalid code").
        case invalidCode(UInt32, atByte: Int)
        /// The output would exceed the caller's limit.
        case outputTooLarge(limit: Int)
    }

    /// Compresses `input` exactly as Go's `lzw.NewWriter(w, lzw.LSB, 8)` + `Write` + `Close`.
    package static func compress(_ input: [UInt8]) -> [UInt8] {
        var out = BitWriter()
        var width: UInt32 = 9
        var hi: UInt32 = eofCode
        var overflow: UInt32 = 512
        // Maps (prefix code << 8 | next byte) to its code.
        var table: [UInt32: UInt32] = [:]

        out.write(clearCode, width: width)
        guard let first = input.first else {
            out.write(eofCode, width: width)
            return out.finish()
        }

        /// Go's `incHi`: returns true when the table was reset (code space exhausted).
        func incrementHi() -> Bool {
            hi += 1
            if hi == overflow {
                width += 1
                overflow <<= 1
            }
            guard hi == maxCode else { return false }
            out.write(clearCode, width: width)
            width = 9
            hi = eofCode
            overflow = 512
            table.removeAll(keepingCapacity: true)
            return true
        }

        var code = UInt32(first)
        for byte in input.dropFirst() {
            let key = code << 8 | UInt32(byte)
            if let known = table[key] {
                code = known
                continue
            }
            out.write(code, width: width)
            code = UInt32(byte)
            if incrementHi() { continue }
            table[key] = hi
        }
        out.write(code, width: width)
        _ = incrementHi()
        out.write(eofCode, width: width)
        return out.finish()
    }

    /// Decompresses Go-compatible LZW data up to its `eof` code (bytes after it are ignored).
    /// - Parameter limit: largest output accepted; memberlist itself has no limit.
    package static func decompress(_ input: [UInt8], limit: Int = .max) throws(DecodeError) -> [UInt8] {
        var reader = BitReader(input)
        var output: [UInt8] = []
        var prefix = [UInt16](repeating: 0, count: 4096)
        var suffix = [UInt8](repeating: 0, count: 4096)
        var width: UInt32 = 9
        var hi: UInt32 = eofCode
        var overflow: UInt32 = 512
        var last: UInt32? = nil
        var expansion: [UInt8] = []

        while true {
            guard let code = reader.read(width: width) else {
                throw .unexpectedEnd(decodedBytes: output.count)
            }
            if code == clearCode {
                width = 9
                hi = eofCode
                overflow = 512
                last = nil
                continue
            }
            if code == eofCode { return output }
            guard code <= hi else { throw .invalidCode(code, atByte: reader.byteOffset) }

            // Expand `code` (or, for the KwKwK case, `last` plus its own first byte) backwards.
            expansion.removeAll(keepingCapacity: true)
            var c = code
            if code == hi, let previous = last {
                var head = previous
                while head >= clearCode { head = UInt32(prefix[Int(head)]) }
                expansion.append(UInt8(head))
                c = previous
            }
            while c >= clearCode {
                expansion.append(suffix[Int(c)])
                c = UInt32(prefix[Int(c)])
            }
            expansion.append(UInt8(c))
            guard expansion.count <= limit - output.count else { throw .outputTooLarge(limit: limit) }
            output.append(contentsOf: expansion.reversed())

            if let previous = last {
                suffix[Int(hi)] = UInt8(c)
                prefix[Int(hi)] = UInt16(previous)
            }
            last = code
            hi += 1
            if hi >= overflow {
                if width == maxWidth {
                    last = nil
                    hi -= 1
                } else {
                    width += 1
                    overflow = 1 << width
                }
            }
        }
    }
}

/// Packs codes least-significant-bit first (Go's `writeLSB`).
private struct BitWriter {
    var bytes: [UInt8] = []
    var bits: UInt32 = 0
    var count: UInt32 = 0

    mutating func write(_ code: UInt32, width: UInt32) {
        bits |= code << count
        count += width
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
            count -= 8
        }
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: bits)) }
        return bytes
    }
}

/// Unpacks LSB-first codes (Go's `readLSB`).
private struct BitReader {
    let bytes: [UInt8]
    var byteOffset = 0
    var bits: UInt32 = 0
    var count: UInt32 = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(width: UInt32) -> UInt32? {
        while count < width {
            guard byteOffset < bytes.count else { return nil }
            bits |= UInt32(bytes[byteOffset]) << count
            byteOffset += 1
            count += 8
        }
        let code = bits & ((1 << width) - 1)
        bits >>= width
        count -= width
        return code
    }
}
