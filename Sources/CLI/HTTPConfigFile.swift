import Foundation
import Yams

/// The parts of Prometheus' `http_config` (amtool's `--http.config.file`) that a CLI request
/// needs: `basic_auth`, `authorization` and the legacy `bearer_token(_file)`. Other keys that
/// change how the connection is made (`tls_config`, `proxy_url`, `oauth2`) are refused with an
/// error rather than silently ignored; `follow_redirects` and `enable_http2` are accepted.
public struct HTTPConfigFile: Sendable, Equatable {
    /// The `Authorization` header value, if the file configures one.
    public var authorizationHeader: String?

    static let accepted: Set<String> = [
        "basic_auth", "authorization", "bearer_token", "bearer_token_file", "follow_redirects", "enable_http2",
    ]

    public static func load(_ path: String) throws(CLIError) -> HTTPConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("failed to load HTTP config file: open \(path): no such file or directory")
        }
        let dir = (path as NSString).deletingLastPathComponent
        return try parse(String(decoding: data, as: UTF8.self), directory: dir.isEmpty ? "." : dir)
    }

    public static func parse(_ text: String, directory: String) throws(CLIError) -> HTTPConfigFile {
        func fail(_ m: String) -> CLIError { CLIError("failed to load HTTP config file: \(m)") }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw fail("\(error)") }
        guard let map = root?.mapping else { return HTTPConfigFile() }
        for key in map.keys.compactMap(\.string) where !accepted.contains(key) {
            throw fail("\(key) is not supported by tocsinctl")
        }
        func str(_ n: Node?, _ k: String) -> String { n?.mapping?[Node(k)]?.string ?? "" }
        func readFile(_ p: String) throws(CLIError) -> String {
            let full = p.hasPrefix("/") ? p : directory + "/" + p
            guard let d = FileManager.default.contents(atPath: full) else { throw fail("unable to read \(full)") }
            return String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var header: String?
        if let ba = map[Node("basic_auth")] {
            var pw = str(ba, "password")
            let pf = str(ba, "password_file")
            if pw.isEmpty && !pf.isEmpty { pw = try readFile(pf) }
            header = "Basic " + Data("\(str(ba, "username")):\(pw)".utf8).base64EncodedString()
        }
        if let az = map[Node("authorization")] {
            if header != nil { throw fail("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured") }
            let type = str(az, "type").isEmpty ? "Bearer" : str(az, "type")
            var cred = str(az, "credentials")
            let cf = str(az, "credentials_file")
            if cred.isEmpty && !cf.isEmpty { cred = try readFile(cf) }
            header = type + " " + cred
        }
        let bt = map[Node("bearer_token")]?.string ?? ""
        let btf = map[Node("bearer_token_file")]?.string ?? ""
        if !bt.isEmpty || !btf.isEmpty {
            if header != nil { throw fail("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured") }
            header = "Bearer " + (bt.isEmpty ? try readFile(btf) : bt)
        }
        return HTTPConfigFile(authorizationHeader: header)
    }
}

/// Where command output goes: stdout and stderr, unbuffered writes of whole strings.
public enum Console {
    public static func out(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
    public static func error(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
