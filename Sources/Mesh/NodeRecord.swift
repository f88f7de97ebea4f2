import Wire

/// One entry of the node table (memberlist's `nodeState`), keyed by name.
public struct NodeRecord: Equatable, Sendable {
    public var name: String
    /// Addr bytes exactly as announced (4 or 16 bytes; compared byte-wise like memberlist).
    public var addr: [UInt8]
    public var port: UInt16
    public var meta: [UInt8]
    public var incarnation: UInt32
    public var state: Memberlist.NodeState
    /// When `state` last changed (manual or wall clock of the machine).
    public var stateChange: Duration
    public var vsn: [UInt8]

    public var endpoint: Endpoint { Endpoint(ip: addr, port: port) }
    /// Protocol max the node advertises (`Vsn[1]`); gates CRC (≥5) and nacks (≥4).
    public var protocolMax: UInt8 { vsn.count > 1 ? vsn[1] : 0 }
    /// Alive or suspect: what memberlist's `Members()` lists.
    public var isMember: Bool { state == .alive || state == .suspect }
    public var isDeadOrLeft: Bool { state == .dead || state == .left }

    func pushState() -> Memberlist.PushNodeState {
        Memberlist.PushNodeState(name: name, addr: addr, port: port, meta: meta,
                                 incarnation: incarnation, state: state, vsn: vsn)
    }
}

/// A member as reported to the application.
public struct Member: Equatable, Sendable {
    public var name: String
    public var endpoint: Endpoint
    public var meta: [UInt8]
}

/// memberlist's `EventDelegate` callbacks, as actions.
public enum MemberEvent: Equatable, Sendable {
    case joined(Member)
    /// Dead or left (Alertmanager's `NotifyLeave` treats both the same).
    case left(Member)
    /// Meta changed.
    case updated(Member)
}
