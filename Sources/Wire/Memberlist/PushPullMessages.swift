extension Memberlist {
    /// `pushPullHeader` (after type byte 6 on a stream): how many `PushNodeState`s and
    /// user-state bytes follow, and whether this exchange is a join.
    public struct PushPullHeader: MsgPackStruct {
        public var nodes: Int = 0
        public var userStateLen: Int = 0
        public var join: Bool = false

        public init() {}
        public init(nodes: Int, userStateLen: Int, join: Bool) {
            self.nodes = nodes
            self.userStateLen = userStateLen
            self.join = join
        }

        public func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(3)
            w.writeKey("Join"); w.writeBool(join)
            w.writeKey("Nodes"); w.writeInt(Int64(nodes))
            w.writeKey("UserStateLen"); w.writeInt(Int64(userStateLen))
        }

        public mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
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
    public struct PushNodeState: MsgPackStruct {
        public var name: String = ""
        public var addr: [UInt8] = []
        public var port: UInt16 = 0
        public var meta: [UInt8]? = nil
        public var incarnation: UInt32 = 0
        public var state: NodeState = .alive
        public var vsn: [UInt8] = []

        public init() {}
        public init(name: String, addr: [UInt8], port: UInt16, meta: [UInt8]? = [], incarnation: UInt32,
                    state: NodeState, vsn: [UInt8] = Memberlist.alertmanagerVsn) {
            self.name = name
            self.addr = addr
            self.port = port
            self.meta = meta
            self.incarnation = incarnation
            self.state = state
            self.vsn = vsn
        }

        public func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(7)
            w.writeKey("Addr"); w.writeStr(addr)
            w.writeKey("Incarnation"); w.writeUInt(UInt64(incarnation))
            w.writeKey("Meta"); w.writeBytes(meta)
            w.writeKey("Name"); w.writeString(name)
            w.writeKey("Port"); w.writeUInt(UInt64(port))
            w.writeKey("State"); w.writeInt(Int64(state.rawValue))
            w.writeKey("Vsn"); w.writeStr(vsn)
        }

        public mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "Name": name = try r.readString()
            case "Addr": addr = try r.readBytes() ?? []
            case "Port": port = try r.readUInt16()
            case "Meta": meta = try r.readBytes()
            case "Incarnation": incarnation = try r.readUInt32()
            case "State": state = NodeState(rawValue: try r.readGoInt())
            case "Vsn": vsn = try r.readBytes() ?? []
            default: return false
            }
            return true
        }
    }

    /// `userMsgHeader` (after type byte 8 on a stream): the length of the raw user bytes that follow.
    public struct UserMessageHeader: MsgPackStruct {
        public var userMsgLen: Int = 0

        public init() {}
        public init(userMsgLen: Int) { self.userMsgLen = userMsgLen }

        public func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(1)
            w.writeKey("UserMsgLen"); w.writeInt(Int64(userMsgLen))
        }

        public mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            guard key == "UserMsgLen" else { return false }
            userMsgLen = try r.readGoInt()
            return true
        }
    }

    /// `compress` (type 9): `Buf` is an LZW-compressed complete message (type byte included).
    public struct Compress: MsgPackStruct {
        /// `lzwAlgo` = 0 is the only algorithm memberlist defines.
        public var algo: UInt8 = 0
        public var buf: [UInt8] = []

        public init() {}
        public init(algo: UInt8 = 0, buf: [UInt8]) {
            self.algo = algo
            self.buf = buf
        }

        public func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(2)
            w.writeKey("Algo"); w.writeUInt(UInt64(algo))
            w.writeKey("Buf"); w.writeStr(buf)
        }

        public mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "Algo": algo = try r.readUInt8()
            case "Buf": buf = try r.readBytes() ?? []
            default: return false
            }
            return true
        }
    }
}
