extension Memberlist {
    /// `ping` (type 0): a direct probe. `Node` is the intended target's name ("" skips the
    /// receiver's name check); the `Source*` fields are `omitempty` and left out when empty.
    package struct Ping: MsgPackStruct, ProbeSource {
        package var seqNo: UInt32 = 0
        package var node: String = ""
        package var sourceAddr: [UInt8] = []
        package var sourcePort: UInt16 = 0
        package var sourceNode: String = ""

        package init() {}
        package init(seqNo: UInt32, node: String, sourceAddr: [UInt8] = [], sourcePort: UInt16 = 0, sourceNode: String = "") {
            self.seqNo = seqNo
            self.node = node
            self.sourceAddr = sourceAddr
            self.sourcePort = sourcePort
            self.sourceNode = sourceNode
        }

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(2 + sourceFieldCount)
            w.writeKey("Node"); w.writeString(node)
            w.writeKey("SeqNo"); w.writeUInt(UInt64(seqNo))
            writeSourceFields(to: &w)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "SeqNo": seqNo = try r.readUInt32()
            case "Node": node = try r.readString()
            default: return try decodeSourceField(key, from: &r)
            }
            return true
        }
    }

    /// `indirectPingReq` (type 1): asks the receiver to probe `Target:Port` (named `Node`)
    /// on the sender's behalf; `Nack` asks for a nack if the target stays silent.
    package struct IndirectPingRequest: MsgPackStruct, ProbeSource {
        package var seqNo: UInt32 = 0
        package var target: [UInt8] = []
        package var port: UInt16 = 0
        package var node: String = ""
        package var nack: Bool = false
        package var sourceAddr: [UInt8] = []
        package var sourcePort: UInt16 = 0
        package var sourceNode: String = ""

        package init() {}

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(5 + sourceFieldCount)
            w.writeKey("Nack"); w.writeBool(nack)
            w.writeKey("Node"); w.writeString(node)
            w.writeKey("Port"); w.writeUInt(UInt64(port))
            w.writeKey("SeqNo"); w.writeUInt(UInt64(seqNo))
            writeSourceFields(to: &w)
            w.writeKey("Target"); w.writeStr(target)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "SeqNo": seqNo = try r.readUInt32()
            case "Target": target = try r.readBytes() ?? []
            case "Port": port = try r.readUInt16()
            case "Node": node = try r.readString()
            case "Nack": nack = try r.readBool()
            default: return try decodeSourceField(key, from: &r)
            }
            return true
        }
    }

    /// `ackResp` (type 2). `payload` nil encodes as msgpack nil (`c0`, TCP-ping and relayed
    /// acks); Alertmanager's own UDP acks carry an empty non-nil payload (`a0`).
    package struct AckResponse: MsgPackStruct {
        package var seqNo: UInt32 = 0
        package var payload: [UInt8]? = nil

        package init() {}
        package init(seqNo: UInt32, payload: [UInt8]?) {
            self.seqNo = seqNo
            self.payload = payload
        }

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(2)
            w.writeKey("Payload"); w.writeBytes(payload)
            w.writeKey("SeqNo"); w.writeUInt(UInt64(seqNo))
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            switch key {
            case "SeqNo": seqNo = try r.readUInt32()
            case "Payload": payload = try r.readBytes()
            default: return false
            }
            return true
        }
    }

    /// `nackResp` (type 11): an indirect probe relay reporting that the target did not answer.
    package struct NackResponse: MsgPackStruct {
        package var seqNo: UInt32 = 0

        package init() {}
        package init(seqNo: UInt32) { self.seqNo = seqNo }

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(1)
            w.writeKey("SeqNo"); w.writeUInt(UInt64(seqNo))
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            guard key == "SeqNo" else { return false }
            seqNo = try r.readUInt32()
            return true
        }
    }

    /// `errResp` (type 13, streams only): the responder's description of a failed read.
    package struct ErrorResponse: MsgPackStruct {
        package var error: String = ""

        package init() {}
        package init(error: String) { self.error = error }

        package func encode(to w: inout MsgPackWriter) {
            w.writeMapHeader(1)
            w.writeKey("Error"); w.writeString(error)
        }

        package mutating func decodeField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
            guard key == "Error" else { return false }
            error = try r.readString()
            return true
        }
    }
}

/// The `Source*` fields of `ping` and `indirectPingReq` (memberlist's `omitempty`): where the
/// answer goes when that is not the packet's sender.
protocol ProbeSource {
    var sourceAddr: [UInt8] { get set }
    var sourcePort: UInt16 { get set }
    var sourceNode: String { get set }
}

extension ProbeSource {
    /// How many of the fields are set, and so written.
    var sourceFieldCount: Int {
        (sourceAddr.isEmpty ? 0 : 1) + (sourceNode.isEmpty ? 0 : 1) + (sourcePort == 0 ? 0 : 1)
    }

    /// Writes the set fields; their keys sort together, so the caller writes them in one place.
    func writeSourceFields(to w: inout MsgPackWriter) {
        if !sourceAddr.isEmpty { w.writeKey("SourceAddr"); w.writeStr(sourceAddr) }
        if !sourceNode.isEmpty { w.writeKey("SourceNode"); w.writeString(sourceNode) }
        if sourcePort != 0 { w.writeKey("SourcePort"); w.writeUInt(UInt64(sourcePort)) }
    }

    /// Reads one `Source*` field; false for any other key.
    mutating func decodeSourceField(_ key: String, from r: inout MsgPackReader) throws(MsgPackError) -> Bool {
        switch key {
        case "SourceAddr": sourceAddr = try r.readBytes() ?? []
        case "SourcePort": sourcePort = try r.readUInt16()
        case "SourceNode": sourceNode = try r.readString()
        default: return false
        }
        return true
    }
}
