import Wire

/// One entry of the node table (memberlist's `nodeState`), keyed by name.
package struct NodeRecord: Equatable, Sendable {
    package var name: String
    /// Addr bytes exactly as announced (4 or 16 bytes; compared byte-wise like memberlist).
    package var addr: [UInt8]
    package var port: UInt16
    package var meta: [UInt8]
    package var incarnation: UInt32
    package var state: Memberlist.NodeState
    /// When `state` last changed (manual or wall clock of the machine).
    package var stateChange: Duration
    package var vsn: [UInt8]

    package var endpoint: Endpoint { Endpoint(ip: addr, port: port) }
    /// Protocol max the node advertises (`Vsn[1]`); gates CRC (≥5) and nacks (≥4).
    package var protocolMax: UInt8 { vsn.count > 1 ? vsn[1] : 0 }
    /// Alive or suspect: what memberlist's `Members()` lists.
    package var isMember: Bool { state == .alive || state == .suspect }
    package var isDeadOrLeft: Bool { state == .dead || state == .left }

    func pushState() -> Memberlist.PushNodeState {
        Memberlist.PushNodeState(name: name, addr: addr, port: port, meta: meta,
                                 incarnation: incarnation, state: state, vsn: vsn)
    }
}

/// A member as reported to the application.
package struct Member: Equatable, Sendable {
    package var name: String
    package var endpoint: Endpoint
    package var meta: [UInt8]
}

/// memberlist's `EventDelegate` callbacks, as actions.
package enum MemberEvent: Equatable, Sendable {
    case joined(Member)
    /// Dead or left (Alertmanager's `NotifyLeave` treats both the same).
    case left(Member)
    /// Meta changed.
    case updated(Member)
}
