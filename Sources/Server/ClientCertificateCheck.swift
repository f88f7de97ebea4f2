import Foundation
import MeshTransport
import NIOCore
import NIOSSL
import X509

/// exporter-toolkit's `client_allowed_sans` (0.9 and later): a client certificate must name
/// one of these (DNS name, e-mail address, IP address or URI, compared as Go prints them).
/// The check replaces swift-nio-ssl's own verification, so when the client-auth type
/// verifies, the chain is verified here against `client_ca_file` first, as Go does.
struct ClientCertificateCheck: Sendable {
    let allowedSANs: Set<String>
    /// nil: the client-auth type accepts any certificate; only the SANs are checked.
    let roots: [Certificate]?

    /// - Parameter clientCAFile: the CAs to verify the chain against; nil: no verification.
    init(allowedSANs: [String], clientCAFile: String?) throws {
        self.allowedSANs = Set(allowedSANs)
        guard let clientCAFile else {
            roots = nil
            return
        }
        let pems = clientCAFile.isEmpty ? [] : try NIOSSLCertificate.fromPEMFile(clientCAFile)
        roots = try pems.map { try Certificate(derEncoded: try $0.toDERBytes()) }
    }

    var callback: CertificateCheck {
        let check = self
        return { certificates, promise in
            Task { promise.succeed(await check.verify(certificates) ? .certificateVerified : .failed) }
        }
    }

    func verify(_ certificates: [NIOSSLCertificate]) async -> Bool {
        guard let chain = try? certificates.map({ try Certificate(derEncoded: try $0.toDERBytes()) }),
              let leaf = chain.first else { return false }
        if let roots {
            var verifier = Verifier(rootCertificates: CertificateStore(roots)) { RFC5280Policy(validationTime: Date()) }
            guard case .validCertificate = await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) else {
                return false
            }
        }
        return !allowedSANs.isDisjoint(with: Self.names(leaf))
    }

    /// The certificate's SANs as Go's `x509.Certificate` fields print them.
    static func names(_ certificate: Certificate) -> [String] {
        guard let sans = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return sans.compactMap { name in
            switch name {
            case let .dnsName(s), let .rfc822Name(s), let .uniformResourceIdentifier(s): s
            case let .ipAddress(octets): ipText(Array(octets.bytes))
            default: nil
            }
        }
    }

    static func ipText(_ bytes: [UInt8]) -> String? {
        let family: CInt
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &out, socklen_t(out.count)) != nil ? String(cString: out) : nil
        }
    }
}
