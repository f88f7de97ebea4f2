/// A secret given inline (`password`) or as a file (`password_file`) whose content is read at
/// load, as prometheus/common and Alertmanager take their credentials.
package struct SecretOrFile: Sendable, Hashable {
    package var inline = Secret("")
    /// The path as written (absolute when the key's paths are resolved).
    package var file = ""
    /// The file's content, read at load (nil if unset or unreadable).
    package var fromFile: Secret?

    /// The secret to use: inline, else the file's content (Alertmanager prefers the inline one).
    package var effective: Secret { inline.or(fromFile) }

    /// Neither the secret nor a file given.
    var isUnset: Bool { inline.isEmpty && file.isEmpty }

    /// Both given, which the configs reject (`at most one of ... must be configured`).
    var hasBoth: Bool { !inline.isEmpty && !file.isEmpty }
}

extension MapReader {
    /// `key` and `key_file`, the file read as `secretFile` reads it.
    func secretOrFile(_ key: String, resolved: Bool = false) -> SecretOrFile {
        var s = SecretOrFile(inline: Secret(string(key) ?? ""))
        (s.file, s.fromFile) = secretFile(key + "_file", resolved: resolved)
        return s
    }
}

extension YAMLOut {
    /// `key` (as the secret marker) and `key_file`, each omitted when empty.
    mutating func secretOrFile(_ key: String, _ s: SecretOrFile) {
        secret(key, s.inline)
        str(key + "_file", s.file)
    }
}
