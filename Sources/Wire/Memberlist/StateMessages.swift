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

        package static let fields: [MsgPackField<Self>] = [
            .init("From", \.from),
            .init("Incarnation", \.incarnation),
            .init("Node", \.node),
        ]
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

        package static let fields = nodeFields(name: .init("Node", \.node))
    }
}

