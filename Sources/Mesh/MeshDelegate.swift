/// The application side of the membership machine: memberlist's `Delegate`, as value-type
/// callbacks. Alertmanager's `cluster/delegate.go` is the model (`ReplicatedChannels` below).
package protocol MeshDelegate: Sendable {
    /// Full application state for a push-pull (`LocalState`).
    mutating func localState(join: Bool) -> [UInt8]
    /// Merge a peer's full state from a push-pull (`MergeRemoteState`).
    mutating func mergeRemoteState(_ bytes: [UInt8], join: Bool)
    /// A user message arrived by UDP or TCP (`NotifyMsg`).
    mutating func notifyMessage(_ bytes: [UInt8])
    /// Queued application broadcasts to piggy-back, each ≤ `limit` including `overhead`
    /// (`GetBroadcasts`); `numNodes` is the cluster size used for the retransmit limit.
    mutating func broadcasts(overhead: Int, limit: Int, numNodes: Int) -> [[UInt8]]
    /// Messages too large for UDP that must go to every other member by TCP
    /// (Alertmanager's oversized path); drained by the machine after each callback.
    mutating func takeOversized() -> [[UInt8]]
    /// How many application broadcasts wait in the queue (lets the machine gossip eagerly).
    var queuedBroadcasts: Int { get }
    /// Drops all but the newest `maxRetained` queued broadcasts; returns how many were dropped.
    mutating func pruneQueue(maxRetained: Int) -> Int
}

/// A replicated store (silences `"sil"`, notification log `"nfl"`) as Alertmanager's
/// `cluster.State`: full state for push-pull, deltas for broadcasts.
/// The composition root adapts the stores to this; conformers must be thread-safe.
package protocol ReplicatedState: AnyObject, Sendable {
    var key: String { get }
    /// `MarshalBinary`: every entry, delimited.
    func fullState() -> [UInt8]
    /// `Merge` of a full state. A throw aborts the remaining parts of that push-pull, as in
    /// Alertmanager's `MergeRemoteState`.
    func mergeFull(_ data: [UInt8]) throws
    /// `Merge` of a broadcast; true if something new was accepted (then the mesh re-gossips
    /// it when `data` is ≤ 700 bytes, as Alertmanager's silences and nflog do).
    func mergeDelta(_ data: [UInt8]) -> Bool
    /// False for a broadcast-only channel (tocsin's send claims): left out of the push-pull
    /// full state, where Alertmanager 0.25 logs a warning for each key it does not know.
    var inFullState: Bool { get }
}

extension ReplicatedState {
    package var inFullState: Bool { true }
}
