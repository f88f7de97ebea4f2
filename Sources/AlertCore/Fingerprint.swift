/// Prometheus' label-set fingerprint: FNV-1a 64 over sorted `name 0xFF value 0xFF`.
///
/// Alertmanager keys alerts by it and shows it (as `%016x`) in the API and in webhooks,
/// so it must equal `model.LabelSet.Fingerprint()` for the same labels.
package struct Fingerprint: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let rawValue: UInt64
    package init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// Parses the 16-hex-digit form (`FingerprintFromString`).
    package init?(hex: String) {
        guard !hex.isEmpty, hex.utf8.count <= 16, let v = UInt64(hex, radix: 16) else { return nil }
        rawValue = v
    }

    /// `%016x`: 16 lower-case hex digits, zero-padded.
    package var description: String { hex16(rawValue) }

    package static func < (a: Fingerprint, b: Fingerprint) -> Bool { a.rawValue < b.rawValue }
}

@usableFromInline let fnvOffset: UInt64 = 14695981039346656037
@usableFromInline let fnvPrime: UInt64 = 1099511628211

extension LabelSet {
    /// The Prometheus fingerprint of this label set.
    package var fingerprint: Fingerprint {
        var h = fnvOffset
        forEachUTF8 { name, value in
            for b in name { h = (h ^ UInt64(b)) &* fnvPrime }
            h = (h ^ 0xFF) &* fnvPrime
            for b in value { h = (h ^ UInt64(b)) &* fnvPrime }
            h = (h ^ 0xFF) &* fnvPrime
            return true
        }
        return Fingerprint(h)
    }

    /// The notification log's alert hash: xxHash64 (seed 0) over the same bytes the
    /// fingerprint hashes, as Alertmanager's `notify.hashAlert` computes it.
    package var nflogHash: UInt64 {
        var bytes: [UInt8] = []
        forEachUTF8 { name, value in
            bytes.append(contentsOf: name)
            bytes.append(0xFF)
            bytes.append(contentsOf: value)
            bytes.append(0xFF)
            return true
        }
        return XXHash64.hash(bytes)
    }
}

/// Formats `v` as 16 lower-case, zero-padded hex digits.
package func hex16(_ v: UInt64) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out = [UInt8](repeating: 0, count: 16)
    var x = v
    for i in stride(from: 15, through: 0, by: -1) {
        out[i] = digits[Int(x & 0xF)]
        x >>= 4
    }
    return String(decoding: out, as: UTF8.self)
}
