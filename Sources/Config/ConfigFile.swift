import Foundation
import Yams

/// Reading a YAML file the way the Go loaders do (`alertmanager.yml`, the web config, the
/// cluster TLS config): Go's `open` error texts, relative paths resolved against the file's
/// directory, and the YAML checks every one of them gets (syntax errors as yaml.v2 words
/// them, the alias-bomb limit).
package enum ConfigFile {
    /// The file's text and the directory relative paths in it resolve against.
    static func read(_ path: String) throws(ConfigError) -> (text: String, directory: String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            // Go's os.ReadFile opens a directory fine and fails on the read.
            throw ConfigError("read \(path): is a directory")
        }
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        } catch {
            throw ConfigError(openError(path))
        }
        let dir = (path as NSString).deletingLastPathComponent
        return (text, dir.isEmpty ? "." : dir)
    }

    /// Go's `os.Open` error text for a file that could not be read.
    package static func openError(_ path: String) -> String {
        let why = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file or directory"
        return "open \(path): \(why)"
    }

    /// The document's root node (nil for an empty document), refused on a syntax error or
    /// too much aliasing.
    static func compose(_ text: String) throws(ConfigError) -> Node? {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw AlertmanagerConfig.syntaxError(error) }
        if let node { try YAMLAliasLimit.check(node) }
        return node
    }
}

/// What a file read on its own holds (web config, cluster TLS config, an `http_config` file):
/// `load(file:)` reads the file and parses it, relative paths resolved against its directory.
package protocol StandaloneConfigFile {
    static func parse(yaml text: String, baseDirectory: String) throws(ConfigError) -> Self
}

extension StandaloneConfigFile {
    package static func load(file path: String) throws(ConfigError) -> Self {
        let (text, dir) = try ConfigFile.read(path)
        return try parse(yaml: text, baseDirectory: dir)
    }
}

extension ConfigFile {
    /// Decodes such a file's document (nil when empty) with `decode`, under the main file's
    /// strict rules; the type errors it records are thrown together. Relative paths resolve
    /// against `baseDirectory`; the context is returned for the checks that follow.
    static func decode<T>(
        _ text: String, baseDirectory: String, _ decode: (Node?, DecodeContext) throws(ConfigError) -> T
    ) throws(ConfigError) -> (T, DecodeContext) {
        let ctx = DecodeContext(baseDirectory: baseDirectory, matcherMode: .fallback)
        let value = try decode(try compose(text), ctx)
        if let e = ctx.combinedTypeError() { throw e }
        return (value, ctx)
    }
}
