extension Memberlist {
    /// `pushPullHeader` (after type byte 6 on a stream): how many `PushNodeState`s and
    /// user-state bytes follow, and whether this exchange is a join.
    package struct PushPullHeader: MsgPackStruct {
        package var nodes: Int = 0
        package var userStateLen: Int = 0
        package var join: Bool = false

        package init() {}
        package init(nodes: Int, userStateLen: Int, join: Bool) {
            self.nodes = nodes
            self.userStateLen = userStateLen
            self.join = join
        }

        package static let fields: [MsgPackField<Self>] = [
            .init("Join", \.join),
            .init("Nodes", \.nodes),
            .init("UserStateLen", \.userStateLen),
        ]
    }

    /// `pushNodeState`: one node of the sender's table in a push-pull (no type byte of its own).
    package struct PushNodeState: MsgPackStruct, NodeAnnouncement {
        package var name: String = ""
        package var addr: [UInt8] = []
        package var port: UInt16 = 0
        package var meta: [UInt8]? = nil
        package var incarnation: UInt32 = 0
        package var state: NodeState = .alive
        package var vsn: [UInt8] = []

        package init() {}
        package init(name: String, addr: [UInt8], port: UInt16, meta: [UInt8]? = [], incarnation: UInt32,
                    state: NodeState, vsn: [UInt8] = Memberlist.alertmanagerVsn) {
            self.name = name
            self.addr = addr
            self.port = port
            self.meta = meta
            self.incarnation = incarnation
            self.state = state
            self.vsn = vsn
        }

        package static let fields = nodeFields(name: .init("Name", \.name), state: .init("State", \.state))
    }

    /// `userMsgHeader` (after type byte 8 on a stream): the length of the raw user bytes that follow.
    package struct UserMessageHeader: MsgPackStruct {
        package var userMsgLen: Int = 0

        package init() {}
        package init(userMsgLen: Int) { self.userMsgLen = userMsgLen }

        package static let fields: [MsgPackField<Self>] = [.init("UserMsgLen", \.userMsgLen)]
    }

    /// `compress` (type 9): `Buf` is an LZW-compressed complete message (type byte included).
    package struct Compress: MsgPackStruct {
        /// `lzwAlgo` = 0 is the only algorithm memberlist defines.
        package var algo: UInt8 = 0
        package var buf: [UInt8] = []

        package init() {}
        package init(algo: UInt8 = 0, buf: [UInt8]) {
            self.algo = algo
            self.buf = buf
        }

        package static let fields: [MsgPackField<Self>] = [.init("Algo", \.algo), .init("Buf", \.buf)]
    }
}

/// What `alive` and a push-pull's `pushNodeState` both say of a node: its address, metadata,
/// incarnation and protocol versions. They differ in the name's key (`Node`, `Name`) and in
/// the push-pull's `State`.
protocol NodeAnnouncement {
    var addr: [UInt8] { get set }
    var port: UInt16 { get set }
    var meta: [UInt8]? { get set }
    var incarnation: UInt32 { get set }
    var vsn: [UInt8] { get set }
}

extension NodeAnnouncement {
    /// The fields in Go's key order: `name` (keyed `Node` or `Name`) sorts between `Meta` and
    /// `Port`, `state` (when given) between `Port` and `Vsn`.
    static func nodeFields(name: MsgPackField<Self>, state: MsgPackField<Self>? = nil) -> [MsgPackField<Self>] {
        [
            .init("Addr", \.addr),
            .init("Incarnation", \.incarnation),
            .init("Meta", \.meta),
            name,
            .init("Port", \.port),
        ] + (state.map { [$0] } ?? []) + [.init("Vsn", \.vsn)]
    }
}

/// A push-pull's `State`, written and read as the Go `int` it is.
extension Memberlist.NodeState: MsgPackValue {
    var isZero: Bool { rawValue.isZero }
    func write(to writer: inout MsgPackWriter) { rawValue.write(to: &writer) }
    static func read(from reader: inout MsgPackReader) throws(MsgPackError) -> Self { Self(rawValue: try Int.read(from: &reader)) }
}
