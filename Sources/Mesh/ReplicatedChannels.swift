import SwiftProtobuf
import Wire

/// Alertmanager's cluster delegate and channels (`cluster/delegate.go`, `channel.go`):
/// a registry of `ReplicatedState`s keyed `"nfl"`/`"sil"`, a user broadcast queue with
/// Alertmanager's retransmit factor, `clusterpb.Part` broadcasts and `clusterpb.FullState`
/// push-pull payloads, and the oversized (> 700 bytes) TCP path.
package struct ReplicatedChannels: MeshDelegate {
    /// `MaxGossipPacketSize / 2`: larger Parts go by TCP to every member.
    package static let oversizedThreshold = 700

    private var states: [String: any ReplicatedState] = [:]
    private var order: [String] = []
    package private(set) var queue: TransmitLimitedQueue
    private var oversized: [[UInt8]] = []
    /// Messages that could not be decoded or named an unknown key (Alertmanager ignores them).
    package private(set) var ignoredMessages = 0
    /// Alertmanager's `alertmanager_cluster_messages_{received,sent}[_size]_total` and oversized counters.
    package private(set) var counters = ChannelCounters()

    package init(retransmitMult: Int = 3) {
        queue = TransmitLimitedQueue(retransmitMult: retransmitMult)
    }

    package mutating func register(_ state: any ReplicatedState) {
        if states[state.key] == nil { order.append(state.key) }
        states[state.key] = state
    }

    package var keys: [String] { order }

    /// `Channel.Broadcast`: wraps `data` in a Part; small ones are queued for gossip, larger
    /// ones go to the oversized TCP path.
    package mutating func broadcast(key: String, data: [UInt8]) {
        var part = Clusterpb_Part()
        part.key = key
        part.data = Data(data)
        guard let bytes: [UInt8] = try? part.serializedBytes() else { return }
        if bytes.count <= Self.oversizedThreshold {
            queue.queue(bytes)
        } else {
            oversized.append(bytes)
            counters.oversizedSent[key, default: 0] += 1
        }
    }

    package mutating func localState(join: Bool) -> [UInt8] {
        var full = Clusterpb_FullState()
        for key in order {
            guard let state = states[key], state.inFullState else { continue }
            var part = Clusterpb_Part()
            part.key = key
            part.data = Data(state.fullState())
            full.parts.append(part)
        }
        let bytes: [UInt8] = (try? full.serializedBytes()) ?? []
        counters.fullStateSent += 1
        counters.fullStateSentBytes += bytes.count
        return bytes
    }

    package mutating func mergeRemoteState(_ bytes: [UInt8], join: Bool) {
        counters.fullStateReceived += 1
        counters.fullStateReceivedBytes += bytes.count
        guard let full = try? Clusterpb_FullState(serializedBytes: bytes) else {
            ignoredMessages += 1
            return
        }
        for part in full.parts {
            guard let state = states[part.key] else {
                ignoredMessages += 1
                continue
            }
            do {
                try state.mergeFull(Array(part.data))
            } catch {
                return
            }
        }
    }

    package mutating func notifyMessage(_ bytes: [UInt8]) {
        counters.updatesReceived += 1
        counters.updatesReceivedBytes += bytes.count
        guard let part = try? Clusterpb_Part(serializedBytes: bytes), let state = states[part.key] else {
            ignoredMessages += 1
            return
        }
        let data = Array(part.data)
        if state.mergeDelta(data), data.count <= Self.oversizedThreshold {
            counters.propagated[part.key, default: 0] += 1
            broadcast(key: part.key, data: data)
        }
    }

    package mutating func broadcasts(overhead: Int, limit: Int, numNodes: Int) -> [[UInt8]] {
        let out = queue.getBroadcasts(overhead: overhead, limit: limit, numNodes: numNodes)
        counters.updatesSent += out.count
        counters.updatesSentBytes += out.reduce(0) { $0 + $1.count }
        return out
    }

    package var queuedBroadcasts: Int { queue.count }

    /// Alertmanager's `handleQueueDepth` (every 15 minutes, keep 4096).
    package mutating func pruneQueue(maxRetained: Int) -> Int { queue.prune(maxRetained: maxRetained) }

    package mutating func takeOversized() -> [[UInt8]] {
        defer { oversized = [] }
        return oversized
    }
}

/// Message counters as Alertmanager's cluster delegate keeps them (`msg_type` "update" for
/// broadcasts, "full_state" for push-pull state).
package struct ChannelCounters: Sendable, Equatable {
    package var updatesReceived = 0
    package var updatesReceivedBytes = 0
    package var updatesSent = 0
    package var updatesSentBytes = 0
    package var fullStateReceived = 0
    package var fullStateReceivedBytes = 0
    package var fullStateSent = 0
    package var fullStateSentBytes = 0
    /// Oversized messages handed to the TCP path, by key.
    package var oversizedSent: [String: Int] = [:]
    /// Received updates that were new and small enough to be gossiped on, by key
    /// (Alertmanager's `alertmanager_{silences,nflog}_gossip_messages_propagated_total`).
    package var propagated: [String: Int] = [:]

    package init() {}
}

import struct Foundation.Data
