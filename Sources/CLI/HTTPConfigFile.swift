import Config
import Foundation
import Notifiers

/// What tocsinctl takes from `--http.config.file`: the file is read by the server's
/// `http_config` reader (`HTTPClientConfig.load`, prometheus/common's keys, checks and texts,
/// as amtool reads it), then turned into the request's `Authorization` header (`basic_auth`,
/// `authorization`, `bearer_token(_file)`). When it also changes how the connection is made
/// (`tls_config`, proxies, `oauth2`), requests go through the integrations' HTTP client with
/// those settings (`connection`), as amtool's Go client applies them.
package struct HTTPConfigFile: Sendable {
    /// The `Authorization` header value, if the file configures one.
    package var authorizationHeader: String?
    /// Why a request cannot be made: a credentials file that does not read. Go's round
    /// trippers read those files per request, so amtool fails the request (`Get "<url>": …`),
    /// not the loading of the file.
    package var requestError: String?
    /// The connection settings when the file has any (its authorization left to
    /// `authorizationHeader`); nil: the plain client does.
    package var connection: HTTPOptions?

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
        var file = try credentials(c)
        if c.tlsConfig != TLSConfig() || c.proxy != ProxyConfig() || c.oauth2 != nil {
            var options = HTTPOptions(c)
            options.authorization = nil
            file.connection = options
        }
        return file
    }

    /// The `Authorization` header of `basic_auth`, `authorization` or `bearer_token(_file)`.
    static func credentials(_ c: HTTPClientConfig) throws(CLIError) -> HTTPConfigFile {
        // Files named in it are read per request by Go's round trippers; tocsinctl makes one
        // request, so a file that cannot be read fails the command as the request would.
        func unreadable(_ what: String, _ path: String) -> HTTPConfigFile {
            HTTPConfigFile(requestError: "unable to read \(what) file \(path): \(ConfigFile.openError(path))")
        }
        if let b = c.basicAuth {
            var password = b.password.inline.value
            if password.isEmpty && !b.password.file.isEmpty {
                guard let p = b.password.fromFile else { return unreadable("basic auth password", b.password.file) }
                password = p.value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return HTTPConfigFile(authorizationHeader: "Basic " + Data("\(b.username):\(password)".utf8).base64EncodedString())
        }
        // prometheus/common turns bearer_token(_file) into `authorization` credentials.
        var type = "Bearer", credentials = c.bearerToken.value, file = c.bearerTokenFile
        if let a = c.authorization {
            type = a.type.isEmpty ? "Bearer" : a.type
            credentials = a.credentials.inline.value
            file = a.credentials.file
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
