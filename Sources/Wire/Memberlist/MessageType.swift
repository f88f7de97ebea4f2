/// Namespace for hashicorp/memberlist v0.5.0 wire messages (`net.go`), as Alertmanager 0.25
/// uses them for its gossip cluster.
package enum Memberlist {}

extension Memberlist {
    /// The leading type byte of every memberlist message (`messageType` in `net.go`;
    /// the numeric values are protocol).
    package enum MessageType: UInt8, Sendable, CaseIterable {
        case ping = 0
        case indirectPing = 1
        case ackResponse = 2
        case suspect = 3
        case alive = 4
        case dead = 5
        case pushPull = 6
        case compound = 7
        case user = 8
        case compress = 9
        case encrypt = 10
        case nackResponse = 11
        case hasCRC = 12
        case error = 13
        /// Label header prefix (`hasLabelMsg`), never sent by Alertmanager 0.25.
        case hasLabel = 244
    }

    /// A node's state as listed in a push-pull (`NodeStateType`, a Go `int`).
    /// Unknown values are kept as they are.
    package struct NodeState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package var rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }

        package static let alive = NodeState(rawValue: 0)
        package static let suspect = NodeState(rawValue: 1)
        package static let dead = NodeState(rawValue: 2)
        package static let left = NodeState(rawValue: 3)

        package var description: String {
            switch self {
            case .alive: return "alive"
            case .suspect: return "suspect"
            case .dead: return "dead"
            case .left: return "left"
            default: return "state(\(rawValue))"
            }
        }
    }

    /// The protocol/delegate version vector `[PMin, PMax, PCur, DMin, DMax, DCur]` that every
    /// Alertmanager 0.25 advertises (`BuildVsnArray`).
    package static let alertmanagerVsn: [UInt8] = [1, 5, 2, 0, 0, 0]

    /// Prefixes the msgpack encoding of `body` with its type byte.
    package static func message(_ type: MessageType, _ body: some MsgPackStruct) -> [UInt8] {
        var writer = MsgPackWriter()
        writer.writeUInt(UInt64(type.rawValue))
        body.encode(to: &writer)
        return writer.bytes
    }
}
