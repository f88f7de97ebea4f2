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

        package static let fields: [MsgPackField<Self>] = [.init("Node", \.node), .init("SeqNo", \.seqNo)] + sourceFields
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

        package static let fields: [MsgPackField<Self>] = [
            .init("Nack", \.nack),
            .init("Node", \.node),
            .init("Port", \.port),
            .init("SeqNo", \.seqNo),
        ] + sourceFields + [.init("Target", \.target)]
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

        package static let fields: [MsgPackField<Self>] = [.init("Payload", \.payload), .init("SeqNo", \.seqNo)]
    }

    /// `nackResp` (type 11): an indirect probe relay reporting that the target did not answer.
    package struct NackResponse: MsgPackStruct {
        package var seqNo: UInt32 = 0

        package init() {}
        package init(seqNo: UInt32) { self.seqNo = seqNo }

        package static let fields: [MsgPackField<Self>] = [.init("SeqNo", \.seqNo)]
    }

    /// `errResp` (type 13, streams only): the responder's description of a failed read.
    package struct ErrorResponse: MsgPackStruct {
        package var error: String = ""

        package init() {}
        package init(error: String) { self.error = error }

        package static let fields: [MsgPackField<Self>] = [.init("Error", \.error)]
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
    /// The fields, each left out when empty; their keys sort together, after `SeqNo`.
    static var sourceFields: [MsgPackField<Self>] {
        [
            .init("SourceAddr", \.sourceAddr, omitEmpty: true),
            .init("SourceNode", \.sourceNode, omitEmpty: true),
            .init("SourcePort", \.sourcePort, omitEmpty: true),
        ]
    }
}
