/// Builds byte vectors from a mix of hex tokens and quoted ASCII, mirroring how the
/// reference dumps are written: `bytes("0a 03", "\"sil\"", "12 00")`.
func bytes(_ parts: String...) -> [UInt8] {
    var out: [UInt8] = []
    for part in parts {
        if part.hasPrefix("\""), part.hasSuffix("\""), part.count >= 2 {
            out.append(contentsOf: Array(part.dropFirst().dropLast().utf8))
            continue
        }
        for token in part.split(separator: " ") {
            guard let value = UInt8(token, radix: 16) else {
                preconditionFailure("bad hex token \(token) in test vector")
            }
            out.append(value)
        }
    }
    return out
}

/// Lower-case hex of `data`, space separated, for readable assertion failures.
func hex(_ data: [UInt8]) -> String {
    data.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined(separator: " ")
}
