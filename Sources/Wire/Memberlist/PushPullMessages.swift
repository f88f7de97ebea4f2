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

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(3)
            w.writeKey("Join"); w.writeBool(join)
            w.writeKey("Nodes"); w.writeInt(Int64(nodes))
            w.writeKey("UserStateLen"); w.writeInt(Int64(userStateLen))
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "Nodes": nodes = try r.readGoInt()
            case "UserStateLen": userStateLen = try r.readGoInt()
            case "Join": join = try r.readBool()
            default: return false
            }
            return true
        }
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

        package func encode(to w: inout MsgPackWriter) {
            writeNode(to: &w, nameKey: "Name", name: name, state: state)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "Name": name = try r.readString()
            case "State": state = NodeState(rawValue: try r.readGoInt())
            default: return try decodeNodeField(key, from: &r)
            }
            return true
        }
    }

    /// `userMsgHeader` (after type byte 8 on a stream): the length of the raw user bytes that follow.
    package struct UserMessageHeader: MsgPackStruct {
        package var userMsgLen: Int = 0

        package init() {}
        package init(userMsgLen: Int) { self.userMsgLen = userMsgLen }

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(1)
            w.writeKey("UserMsgLen"); w.writeInt(Int64(userMsgLen))
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            guard key == "UserMsgLen" else { return false }
            userMsgLen = try r.readGoInt()
            return true
        }
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

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(2)
            w.writeKey("Algo"); w.writeUInt(UInt64(algo))
            w.writeKey("Buf"); w.writeStr(buf)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "Algo": algo = try r.readUInt8()
            case "Buf": buf = try r.readBytes() ?? []
            default: return false
            }
            return true
        }
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
    /// Writes the whole map in Go's sorted key order: `nameKey` sorts between `Meta` and
    /// `Port`, `State` (when given) between `Port` and `Vsn`.
    func writeNode(to w: inout MsgPackWriter, nameKey: StaticString, name: String, state: Memberlist.NodeState?) {
        w.writeMapHeader(state == nil ? 6 : 7)
        w.writeKey("Addr"); w.writeStr(addr)
        w.writeKey("Incarnation"); w.writeUInt(UInt64(incarnation))
        w.writeKey("Meta"); w.writeBytes(meta)
        w.writeKey(nameKey); w.writeString(name)
        w.writeKey("Port"); w.writeUInt(UInt64(port))
        if let state { w.writeKey("State"); w.writeInt(Int64(state.rawValue)) }
        w.writeKey("Vsn"); w.writeStr(vsn)
    }

    /// Reads one of the shared fields; false for any other key.
    mutating func decodeNodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
        switch key {
        case "Addr": addr = try r.readBytes() ?? []
        case "Port": port = try r.readUInt16()
        case "Meta": meta = try r.readBytes()
        case "Incarnation": incarnation = try r.readUInt32()
        case "Vsn": vsn = try r.readBytes() ?? []
        default: return false
        }
        return true
    }
}
