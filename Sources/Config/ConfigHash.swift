import AlertCore

extension MD5 {
    /// `alertmanager_config_hash`: the first 6 bytes of the MD5 of the config text, read
    /// little-endian, as a float.
    package static func configHash(_ text: String) -> Double {
        let d = digest(text.utf8)
        var v: UInt64 = 0
        for i in 0..<6 { v |= UInt64(d[i]) << (8 * UInt64(i)) }
        return Double(v)
    }
}
