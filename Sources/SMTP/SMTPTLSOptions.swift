import NIOSSL
import SMTPProtocol

/// Alertmanager's `tls_config` for SMTP (prometheus/common `TLSConfig`): CA bundle, client
/// certificate and key, server name, `insecure_skip_verify`, and version bounds.
package struct SMTPTLSOptions: Sendable, Equatable {
    package var caFile: String
    package var certFile: String
    package var keyFile: String
    /// The name to verify and send as SNI; empty means the smarthost's host.
    package var serverName: String
    package var insecureSkipVerify: Bool
    /// `TLS10`, `TLS11`, `TLS12`, `TLS13` or empty (Go's client default, TLS 1.2).
    package var minVersion: String
    package var maxVersion: String

    package init(caFile: String = "", certFile: String = "", keyFile: String = "", serverName: String = "",
                insecureSkipVerify: Bool = false, minVersion: String = "", maxVersion: String = "") {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.serverName = serverName
        self.insecureSkipVerify = insecureSkipVerify
        self.minVersion = minVersion
        self.maxVersion = maxVersion
    }

    /// The NIOSSL client configuration. - Throws: ``SMTPError`` (not retryable, as
    /// Alertmanager's "parse TLS configuration") for unreadable files or unknown versions.
    package func makeConfiguration() throws(SMTPError) -> TLSConfiguration {
        var c = TLSConfiguration.makeClientConfiguration()
        c.minimumTLSVersion = .tlsv12
        do {
            if !caFile.isEmpty {
                c.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            if certFile.isEmpty != keyFile.isEmpty {
                let which = certFile.isEmpty ? "client key file \(keyFile) specified without client certificate file"
                    : "client certificate file \(certFile) specified without client key file"
                throw SMTPError(message: which, retryable: false)
            }
            if !certFile.isEmpty {
                c.certificateChain = try NIOSSLCertificate.fromPEMFile(certFile).map { .certificate($0) }
                c.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            }
        } catch let error as SMTPError {
            throw error.wrapped("parse TLS configuration")
        } catch {
            throw SMTPError(message: "parse TLS configuration: \(error)", retryable: false)
        }
        if insecureSkipVerify { c.certificateVerification = .none }
        if !minVersion.isEmpty {
            guard let v = Self.version(minVersion) else {
                throw SMTPError(message: "parse TLS configuration: unknown TLS version: \(minVersion)", retryable: false)
            }
            c.minimumTLSVersion = v
        }
        if !maxVersion.isEmpty {
            guard let v = Self.version(maxVersion) else {
                throw SMTPError(message: "parse TLS configuration: unknown TLS version: \(maxVersion)", retryable: false)
            }
            c.maximumTLSVersion = v
        }
        return c
    }

    /// The name sent as SNI and checked against the certificate, or nil for an IP address
    /// (SNI carries names only; NIOSSL then checks the peer's address).
    func verifiedName(host: String) -> String? {
        let name = serverName.isEmpty ? host : serverName
        let isIP = name.contains(":") || name.split(separator: ".").count == 4
            && name.split(separator: ".").allSatisfy { UInt8($0) != nil }
        return name.isEmpty || isIP ? nil : name
    }

    static func version(_ s: String) -> TLSVersion? {
        switch s {
        case "TLS10": .tlsv1
        case "TLS11": .tlsv11
        case "TLS12": .tlsv12
        case "TLS13": .tlsv13
        default: nil
        }
    }
}
