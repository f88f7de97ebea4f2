import Foundation
import SwiftProtobuf

/// The framing of Alertmanager's TLS transport (`--cluster.tls-config`, 0.25's
/// `cluster/tls_connection.go`): every connection starts with frames of a 4-byte
/// little-endian length and a `clusterpb.MemberlistMessage`. A PACKET frame carries one
/// memberlist datagram and more frames may follow on the same connection; a STREAM frame
/// turns the rest of the connection into one memberlist stream, unframed.
package enum TLSFrame {
    /// The only version upstream writes and accepts.
    package static let version = "v0.1.0"

    package enum Kind: Equatable, Sendable {
        /// A datagram and the sender's listen address (`host:port`).
        case packet(from: String, bytes: [UInt8])
        case stream
    }

    package struct Failure: Error, CustomStringConvertible, Equatable {
        package let description: String
        init(_ description: String) { self.description = description }
    }

    /// One frame as upstream writes it (`writePacket` and `writeStream`).
    package static func encode(_ kind: Kind) -> [UInt8] {
        var message = Clusterpb_MemberlistMessage()
        message.version = version
        switch kind {
        case let .packet(from, bytes):
            message.kind = .packet
            message.fromAddr = from
            message.msg = Data(bytes)
        case .stream:
            message.kind = .stream
        }
        // Serializing a proto3 message of strings and bytes cannot fail.
        let body: [UInt8] = (try? message.serializedBytes()) ?? []
        let n = UInt32(body.count)
        return [UInt8(n & 0xff), UInt8((n >> 8) & 0xff), UInt8((n >> 16) & 0xff), UInt8(n >> 24)] + body
    }

    /// Reads one frame from the front of `buffer`: nil while it is incomplete, else the frame
    /// and the bytes it took. A declared length over `maxBytes` fails at once, before its
    /// bytes arrive (upstream has no limit; a peer must not make us buffer 4 GiB).
    package static func decode(_ buffer: some Collection<UInt8>, maxBytes: Int) throws(Failure) -> (Kind, consumed: Int)? {
        guard buffer.count >= 4 else { return nil }
        let head = Array(buffer.prefix(4))
        let length = Int(head[0]) | Int(head[1]) << 8 | Int(head[2]) << 16 | Int(head[3]) << 24
        if length > maxBytes { throw Failure("tls memberlist message of \(length) bytes is over the limit of \(maxBytes)") }
        guard buffer.count >= 4 + length else { return nil }
        let message: Clusterpb_MemberlistMessage
        do {
            message = try Clusterpb_MemberlistMessage(serializedBytes: Array(buffer.dropFirst(4).prefix(length)))
        } catch {
            throw Failure("error parsing message: \(error)")
        }
        // Upstream's wording for a version it does not speak.
        guard message.version == version else { throw Failure("tls memberlist message version incompatible") }
        switch message.kind {
        case .stream: return (.stream, 4 + length)
        case .packet: return (.packet(from: message.fromAddr, bytes: Array(message.msg)), 4 + length)
        case .UNRECOGNIZED: throw Failure("could not read from either stream or packet channel")
        }
    }
}
