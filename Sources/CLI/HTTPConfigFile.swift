import Config
import Foundation

/// What tocsinctl takes from `--http.config.file`: the file is read by the server's
/// `http_config` reader (`HTTPClientConfig.load`, prometheus/common's keys, checks and texts,
/// as amtool reads it), then turned into the request's `Authorization` header (`basic_auth`,
/// `authorization`, `bearer_token(_file)`). Settings that change how the connection is made
/// and that tocsinctl's client cannot apply (`tls_config`, proxies, `oauth2`) are refused with
/// an error naming them rather than ignored; `follow_redirects` and `enable_http2` are accepted.
package struct HTTPConfigFile: Sendable, Equatable {
    /// The `Authorization` header value, if the file configures one.
    package var authorizationHeader: String?
    /// Why a request cannot be made: a credentials file that does not read. Go's round
    /// trippers read those files per request, so amtool fails the request (`Get "<url>": …`),
    /// not the loading of the file.
    package var requestError: String?

    package static func load(_ path: String) throws(CLIError) -> HTTPConfigFile {
        let config: HTTPClientConfig
        do { config = try HTTPClientConfig.load(file: path) } catch {
            throw CLIError("failed to load HTTP config file: \(error.message)", blankLine: false)
        }
        return try from(config)
    }

    package static func parse(_ text: String, directory: String) throws(CLIError) -> HTTPConfigFile {
        let config: HTTPClientConfig
        do { config = try HTTPClientConfig.parse(yaml: text, baseDirectory: directory) } catch {
            throw CLIError("failed to load HTTP config file: \(error.message)", blankLine: false)
        }
        return try from(config)
    }

    static func from(_ c: HTTPClientConfig) throws(CLIError) -> HTTPConfigFile {
        func unsupported(_ key: String) -> CLIError { CLIError("failed to load HTTP config file: \(key) is not supported by tocsinctl") }
        if c.tlsConfig != TLSConfig() { throw unsupported("tls_config") }
        if c.proxy != ProxyConfig() { throw unsupported("proxy_url") }
        if c.oauth2 != nil { throw unsupported("oauth2") }
        // Files named in it are read per request by Go's round trippers; tocsinctl makes one
        // request, so a file that cannot be read fails the command as the request would.
        func unreadable(_ what: String, _ path: String) -> HTTPConfigFile {
            HTTPConfigFile(requestError: "unable to read \(what) file \(path): \(ConfigFile.openError(path))")
        }
        if let b = c.basicAuth {
            var password = b.password.value
            if password.isEmpty && !b.passwordFile.isEmpty {
                guard let p = b.passwordFromFile else { return unreadable("basic auth password", b.passwordFile) }
                password = p.value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return HTTPConfigFile(authorizationHeader: "Basic " + Data("\(b.username):\(password)".utf8).base64EncodedString())
        }
        // prometheus/common turns bearer_token(_file) into `authorization` credentials.
        var type = "Bearer", credentials = c.bearerToken.value, file = c.bearerTokenFile
        if let a = c.authorization {
            type = a.type.isEmpty ? "Bearer" : a.type
            credentials = a.credentials.value
            file = a.credentialsFile
        }
        guard c.authorization != nil || !credentials.isEmpty || !file.isEmpty else { return HTTPConfigFile() }
        if credentials.isEmpty && !file.isEmpty {
            guard let d = FileManager.default.contents(atPath: file) else { return unreadable("authorization credentials", file) }
            credentials = String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return HTTPConfigFile(authorizationHeader: type + " " + credentials)
    }
}

/// Where command output goes: stdout and stderr, unbuffered writes of whole strings.
package enum Console {
    package static func out(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
    package static func error(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
