import Config
import Foundation
import MeshTransport
import NIOCore
import NIOSSL

/// `--cluster.tls-config` as the gossip's TLS: the listener's side checked as the web
/// config's is (exporter-toolkit's `ConfigToTLSConfig`, key pair re-read per handshake), the
/// dialer's as prometheus/common's `NewTLSConfig`, with upstream's error prefixes. Any error
/// stops the start: gossip never falls back to plaintext.
enum ClusterTLS {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The transport's TLS from the file's settings (`ClusterTLSConfig.load` read it).
    static func make(_ c: ClusterTLSConfig) throws -> GossipTLS {
        let server: WebTLS
        do {
            guard let made = try WebTLS.make(c.server ?? WebConfig.TLSServer(), http2: false) else {
                throw Failure(description: "TLS config is not present")
            }
            server = made
        } catch {
            throw Failure(description: "invalid TLS server config: \(error)")
        }
        let client: TLSConfiguration
        do { client = try clientConfiguration(c.client) } catch {
            throw Failure(description: "invalid TLS client config: \(error)")
        }
        let name = c.client.serverName
        return GossipTLS(server: server.configuration, client: client,
                         clientVerification: server.clientVerification,
                         serverName: name.isEmpty || isIPAddress(name) ? nil : name)
    }

    /// The dialer's settings; TLS 1.2 at least unless the file says otherwise (Go's client default).
    static func clientConfiguration(_ t: TLSConfig) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = (t.minVersion.flatMap(WebConfig.TLSVersion.init(rawValue:)) ?? .tls12).nio
        if let max = t.maxVersion.flatMap(WebConfig.TLSVersion.init(rawValue:)) {
            tls.maximumTLSVersion = max.nio
            if let min = t.minVersion.flatMap(WebConfig.TLSVersion.init(rawValue:)), max.rawValue < min.rawValue {
                throw Failure(description: "tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified")
            }
        }
        tls.certificateVerification = t.insecureSkipVerify ? .none : .fullVerification
        if !t.caFile.isEmpty {
            guard FileManager.default.isReadableFile(atPath: t.caFile) else {
                throw Failure(description: "unable to load specified CA cert \(t.caFile): \(ConfigFile.openError(t.caFile))")
            }
            let roots: [NIOSSLCertificate]
            do { roots = try NIOSSLCertificate.fromPEMFile(t.caFile) } catch {
                throw Failure(description: "unable to use specified CA cert \(t.caFile)")
            }
            if roots.isEmpty { throw Failure(description: "unable to use specified CA cert \(t.caFile)") }
            tls.trustRoots = .certificates(roots)
        }
        switch (t.certFile.isEmpty, t.keyFile.isEmpty) {
        case (false, true):
            throw Failure(description: "client cert file \"\(t.certFile)\" specified without client key file")
        case (true, false):
            throw Failure(description: "client key file \"\(t.keyFile)\" specified without client cert file")
        case (false, false):
            let pair = try WebTLS.KeyPair.load(certFile: t.certFile, keyFile: t.keyFile)
            tls.certificateChain = pair.chain.map { .certificate($0) }
            tls.privateKey = .privateKey(pair.key)
        case (true, true):
            break
        }
        // Builds a context now so that a key that does not match its certificate stops the start.
        do { _ = try NIOSSLContext(configuration: tls) } catch {
            throw Failure(description: "TLS settings refused (does key_file match cert_file?): \(error)")
        }
        return tls
    }

    static func isIPAddress(_ s: String) -> Bool {
        (try? SocketAddress(ipAddress: s, port: 0)) != nil
    }
}
