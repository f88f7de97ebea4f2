import Mesh
import NIOCore
import NIOPosix

/// Alertmanager's `calculateAdvertiseAddress` (`cluster/advertise.go`): an explicit advertise
/// IP wins; a specific bind IP is used as is; for an unspecified bind address (`0.0.0.0`, `::`
/// or empty) the first private IPv4 of the machine's interfaces (public ones only when allowed),
/// falling back to loopback on a machine without any.
enum AdvertiseAddress {
    static func resolve(bindHost: String, advertiseHost: String?, allowPublic: Bool) throws -> [UInt8] {
        if let advertiseHost, !advertiseHost.isEmpty {
            guard let ip = Endpoint.parseIP(advertiseHost) else {
                throw MeshError("failed to parse advertise address \"\(advertiseHost)\"")
            }
            return ip
        }
        if let ip = Endpoint.parseIP(bindHost), !ip.allSatisfy({ $0 == 0 }) {
            return Endpoint(ip: ip, port: 0).ip
        }
        let addresses = interfaceIPv4s()
        if let privateIP = addresses.first(where: isPrivate) { return privateIP }
        if allowPublic, let publicIP = addresses.first(where: { $0[0] != 127 }) { return publicIP }
        if addresses.contains(where: { $0[0] == 127 }) || addresses.isEmpty { return [127, 0, 0, 1] }
        throw MeshError("no private IP found, explicit advertise addr not provided")
    }

    /// RFC 1918, RFC 6598 and link-local ranges, as go-sockaddr's `GetPrivateIP` classifies.
    static func isPrivate(_ ip: [UInt8]) -> Bool {
        guard ip.count == 4 else { return false }
        switch (ip[0], ip[1]) {
        case (10, _): return true
        case (172, 16...31): return true
        case (192, 168): return true
        case (100, 64...127): return true
        case (169, 254): return true
        default: return false
        }
    }

    static func interfaceIPv4s() -> [[UInt8]] {
        guard let devices = try? System.enumerateDevices() else { return [] }
        return devices.compactMap { device -> [UInt8]? in
            guard let address = device.address, case let .v4(v4) = address else { return nil }
            let raw = v4.address.sin_addr.s_addr
            let host = UInt32(bigEndian: raw)
            return [UInt8(host >> 24), UInt8((host >> 16) & 0xff), UInt8((host >> 8) & 0xff), UInt8(host & 0xff)]
        }
    }
}
