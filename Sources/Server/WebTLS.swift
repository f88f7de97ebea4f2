import Config
import Foundation
import MeshTransport
import NIOCore
import NIOSSL

/// `tls_server_config` as swift-nio-ssl settings, checked as exporter-toolkit's
/// `ConfigToTLSConfig` checks it and in its order, with its error texts. The key pair is read
/// again from disk for every handshake, as exporter-toolkit does, so replaced files serve new
/// connections without a restart.
struct WebTLS: Sendable {
    let configuration: TLSConfiguration
    /// Replaces swift-nio-ssl's check of client certificates: for the client-auth types that
    /// ask for one without verifying it, and for `client_allowed_sans`. nil: its own check.
    let clientVerification: CertificateCheck?

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// nil when the file asks for no TLS (exporter-toolkit's `errNoTLSConfig`: plain HTTP).
    static func make(_ c: WebConfig.TLSServer, http2: Bool) throws -> WebTLS? {
        guard c.isEnabled else { return nil }
        if c.certFile.isEmpty { throw Failure(description: "missing cert_file") }
        if c.keyFile.isEmpty { throw Failure(description: "missing key_file") }
        let pair = try KeyPair.load(certFile: c.certFile, keyFile: c.keyFile)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: pair.chain.map { .certificate($0) },
                                                           privateKey: .privateKey(pair.key))
        tls.minimumTLSVersion = c.minVersion.nio
        tls.maximumTLSVersion = c.maxVersion.nio
        // Go's cipher_suites govern TLS 1.2 and older only; TLS 1.3 suites are not configurable.
        let legacy = c.cipherSuites.filter { $0 >> 8 != 0x13 }
        if !legacy.isEmpty { tls.cipherSuiteValues = legacy.map { NIOTLSCipher(rawValue: $0) } }
        if !c.curvePreferences.isEmpty { tls.curves = c.curvePreferences.map(curve) }
        if !c.clientCAFile.isEmpty {
            let roots: [NIOSSLCertificate]
            do { roots = try NIOSSLCertificate.fromPEMFile(c.clientCAFile) } catch {
                throw Failure(description: FileManager.default.isReadableFile(atPath: c.clientCAFile)
                    ? "client_ca_file \(c.clientCAFile): \(error)" : ConfigFile.openError(c.clientCAFile))
            }
            tls.trustRoots = .certificates(roots)
            tls.sendCANameList = true
        }
        var anyCertificate = false
        switch c.clientAuthType {
        case "", "NoClientCert":
            tls.certificateVerification = .none
        case "RequestClientCert":
            tls.certificateVerification = .optionalVerification
            anyCertificate = true
        case "RequireAnyClientCert", "RequireClientCert":
            tls.certificateVerification = .noHostnameVerification
            anyCertificate = true
        case "VerifyClientCertIfGiven":
            tls.certificateVerification = .optionalVerification
        case "RequireAndVerifyClientCert":
            tls.certificateVerification = .noHostnameVerification
        default:
            throw Failure(description: "Invalid ClientAuth: \(c.clientAuthType)")
        }
        if !c.clientCAFile.isEmpty, tls.certificateVerification == .none {
            throw Failure(description: "Client CA's have been configured without a Client Auth Policy")
        }
        let certFile = c.certFile, keyFile = c.keyFile
        tls.sslContextCallback = { _, promise in
            do {
                let p = try KeyPair.load(certFile: certFile, keyFile: keyFile)
                var o = NIOSSLContextConfigurationOverride()
                o.certificateChain = p.chain.map { .certificate($0) }
                o.privateKey = .privateKey(p.key)
                promise.succeed(o)
            } catch {
                promise.fail(error)
            }
        }
        // Builds the context once now, so that a key that does not match its certificate, or
        // settings the library refuses, stop the start instead of every handshake.
        do { _ = try NIOSSLContext(configuration: tls) } catch {
            throw Failure(description: "TLS settings refused (does key_file match cert_file?): \(error)")
        }
        // Go's HTTP/2 server refuses a TLS 1.2 cipher list without its mandatory suite.
        if http2, !c.cipherSuites.isEmpty, c.minVersion != .tls13,
           !c.cipherSuites.contains(where: { $0 == 0xC02F || $0 == 0xC02B }) {
            throw Failure(description: "http2: TLSConfig.CipherSuites is missing an HTTP/2-required AES_128_GCM_SHA256 cipher "
                + "(need at least one of TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)")
        }
        var verification: CertificateCheck?
        if anyCertificate { verification = { _, promise in promise.succeed(.certificateVerified) } }
        if let sans = c.clientAllowedSans {
            verification = try ClientCertificateCheck(allowedSANs: sans, clientCAFile: anyCertificate ? nil : c.clientCAFile).callback
        }
        return WebTLS(configuration: tls, clientVerification: verification)
    }

    static func curve(_ name: String) -> NIOTLSCurve {
        switch name {
        case "CurveP384": .secp384r1
        case "CurveP521": .secp521r1
        case "X25519": .x25519
        default: .secp256r1
        }
    }

    /// A certificate chain and its key read from PEM files.
    struct KeyPair {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey

        static func load(certFile: String, keyFile: String) throws -> KeyPair {
            func read<T>(_ path: String, _ parse: (String) throws -> T) throws -> T {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw Failure(description: "failed to load X509KeyPair: \(ConfigFile.openError(path))")
                }
                do { return try parse(path) } catch {
                    throw Failure(description: "failed to load X509KeyPair: \(path): \(error)")
                }
            }
            let chain = try read(certFile) { try NIOSSLCertificate.fromPEMFile($0) }
            if chain.isEmpty { throw Failure(description: "failed to load X509KeyPair: tls: failed to find any PEM data in certificate input") }
            let key = try read(keyFile) { try NIOSSLPrivateKey(file: $0, format: .pem) }
            return KeyPair(chain: chain, key: key)
        }
    }
}

extension WebConfig.TLSVersion {
    var nio: TLSVersion {
        switch self {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}
