import Wire

/// What the shell must do after feeding the membership machine an event.
package enum MeshAction: Equatable, Sendable {
    /// Send one UDP datagram (already framed: compound, compress, CRC, label).
    case sendPacket(to: Endpoint, bytes: [UInt8])
    /// Open a TCP stream, write `request`, read one stream message back and report it with
    /// `pushPullCompleted(id:reply:now:)` or `pushPullFailed(id:now:)`.
    case pushPull(id: UInt64, to: Endpoint, request: [UInt8])
    /// memberlist's TCP fallback probe: open a TCP stream, write `request` (a ping), read one
    /// stream message back and report it with `streamPingCompleted(seq:reply:now:)` (failures
    /// need no report; the probe simply times out).
    case streamPing(seq: UInt32, to: Endpoint, request: [UInt8])
    /// Open a TCP stream, write `bytes`, close (memberlist `SendReliable`).
    case sendStream(to: Endpoint, bytes: [UInt8])
    /// Resolve these `host:port` strings and call `peersResolved(_:initial:now:)`.
    case resolvePeers([String], initial: Bool)
    case memberEvent(MemberEvent)
    /// The settle procedure finished (Alertmanager closes `readyc`).
    case settled
    /// Input from `from` was dropped for exceeding a limit: count it, log it (rate-limited).
    case rejected(Memberlist.InboundRejection, from: Endpoint)
}

/// The reply to an inbound TCP stream message.
package struct StreamReply: Sendable {
    /// Bytes to write back before closing (nil: just close).
    package var reply: [UInt8]?
    package var actions: [MeshAction]
}
