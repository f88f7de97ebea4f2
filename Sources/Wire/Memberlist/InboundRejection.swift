extension Memberlist {
    /// Why gossip input from a peer was refused for exceeding a limit (not for being
    /// malformed): the `reason` label of `tocsin_cluster_inbound_rejected_total`.
    package enum InboundRejection: String, Sendable, CaseIterable, Equatable {
        /// A UDP compress message expanding beyond `udpDecompressLimit`.
        case udpDecompressedTooLarge = "udp_decompressed_too_large"
        /// A stream message larger than `StreamLimits.maxBytes`.
        case streamTooLarge = "stream_too_large"
        /// A stream compress message expanding beyond `StreamLimits.maxDecompressedBytes`.
        case streamDecompressedTooLarge = "stream_decompressed_too_large"
        /// A push-pull listing more than `StreamLimits.maxNodes` nodes.
        case tooManyNodes = "too_many_nodes"
        /// An inbound connection beyond the concurrent-stream limit.
        case tooManyStreams = "too_many_streams"

        /// The rejection a stream error stands for, nil for plain malformed input.
        package init?(_ error: StreamError) {
            switch error {
            case .tooLarge: self = .streamTooLarge
            case .decompressedTooLarge: self = .streamDecompressedTooLarge
            case .tooManyNodes: self = .tooManyNodes
            default: return nil
            }
        }
    }
}
