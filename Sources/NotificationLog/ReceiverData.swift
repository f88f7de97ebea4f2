import Wire

/// One value of an entry's `receiver_data` (0.34 `nflogpb.ReceiverDataValue`): what an
/// integration keeps from one notification of a group to the next (Slack's `update_message`
/// keeps the posted message's `threadTs` and `channelId`).
package enum ReceiverDataValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
}

extension ReceiverDataValue {
    /// nil for a value whose oneof is unset (only a malformed peer sends one; 0.34's getters
    /// find nothing in it either).
    init?(_ pb: Nflogpb_ReceiverDataValue) {
        switch pb.value {
        case .strVal(let s)?: self = .string(s)
        case .intVal(let i)?: self = .int(i)
        case .doubleVal(let d)?: self = .double(d)
        case nil: return nil
        }
    }

    var message: Nflogpb_ReceiverDataValue {
        var pb = Nflogpb_ReceiverDataValue()
        switch self {
        case .string(let s): pb.strVal = s
        case .int(let i): pb.intVal = i
        case .double(let d): pb.doubleVal = d
        }
        return pb
    }

    static func map(_ pb: [String: Nflogpb_ReceiverDataValue]) -> [String: ReceiverDataValue] {
        pb.compactMapValues(ReceiverDataValue.init)
    }

    static func message(_ data: [String: ReceiverDataValue]) -> [String: Nflogpb_ReceiverDataValue] {
        data.mapValues(\.message)
    }
}
