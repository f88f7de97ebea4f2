extension Memberlist {
    /// `suspect` (type 3: `From` suspects `Node` at `Incarnation`) and `dead` (type 5: `From`
    /// declares `Node` dead; `From == Node` is a voluntary leave) have the same fields in
    /// memberlist, and so one shape here; the message type byte tells them apart.
    package struct Accusation: MsgPackStruct {
        package var incarnation: UInt32 = 0
        package var node: String = ""
        package var from: String = ""

        package init() {}
        package init(incarnation: UInt32, node: String, from: String) {
            self.incarnation = incarnation
            self.node = node
            self.from = from
        }

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(3)
            w.writeKey("From"); w.writeString(from)
            w.writeKey("Incarnation"); w.writeUInt(UInt64(incarnation))
            w.writeKey("Node"); w.writeString(node)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "Incarnation": incarnation = try r.readUInt32()
            case "Node": node = try r.readString()
            case "From": from = try r.readString()
            default: return false
            }
            return true
        }
    }

    package typealias Suspect = Accusation
    package typealias Dead = Accusation

    /// `alive` (type 4): announces `Node` at `Addr:Port` with `Incarnation`.
    /// `Addr` is 4 (IPv4) or 16 bytes; `Vsn` must be 6 bytes for Alertmanager to accept it.
    /// `meta` nil encodes as `c0`; Alertmanager sends an empty non-nil Meta (`a0`).
    package struct Alive: MsgPackStruct, NodeAnnouncement {
        package var incarnation: UInt32 = 0
        package var node: String = ""
        package var addr: [UInt8] = []
        package var port: UInt16 = 0
        package var meta: [UInt8]? = nil
        package var vsn: [UInt8] = []

        package init() {}
        package init(incarnation: UInt32, node: String, addr: [UInt8], port: UInt16,
                    meta: [UInt8]? = [], vsn: [UInt8] = Memberlist.alertmanagerVsn) {
            self.incarnation = incarnation
            self.node = node
            self.addr = addr
            self.port = port
            self.meta = meta
            self.vsn = vsn
        }

        package func encode(to w: inout MsgPackWriter) {
            writeNode(to: &w, nameKey: "Node", name: node, state: nil)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            guard key == "Node" else { return try decodeNodeField(key, from: &r) }
            node = try r.readString()
            return true
        }
    }
}

