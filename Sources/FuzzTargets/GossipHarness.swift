import AlertCore
import Foundation
import GoCompat
import Mesh
import Replication
import NotificationLog
import Silences
import Wire

/// A node's gossip side without sockets: the membership machine with the `sil`, `nfl` and
/// `tocsin-claims` channels registered, backed by real stores, so a fuzzed packet travels the same path as
/// one read from the cluster port (decode, membership rules, channel, store merge) and then
/// everything the node would show of it is rendered.
struct GossipHarness {
    let silences = SilencesReplica(SilenceStore(retention: 5 * 24 * 3600, clock: FixedClock()))
    let nflog = NotificationLogReplica(NotificationLogStore(retention: 5 * 24 * 3600), clock: FixedClock())
    let claims = SendClaimReplica(SendClaimStore())
    var membership: Membership<ReplicatedChannels>
    let peer = Endpoint(ip: [127, 0, 0, 2], port: 9094)
    static let start = Duration.seconds(1_000)

    init() {
        var channels = ReplicatedChannels()
        channels.register(silences)
        channels.register(nflog)
        channels.register(claims)
        membership = Membership(
            config: MembershipConfig(name: "fuzz", advertise: Endpoint(ip: [127, 0, 0, 1], port: 9094)),
            delegate: channels)
        _ = membership.start(now: Self.start)
        // What the server does with every accepted change: encode it for re-gossip.
        silences.connect { _ in }
        nflog.connect { _ in }
        claims.connect { _ in }
    }

    mutating func packet(_ bytes: [UInt8]) {
        _ = membership.handlePacket(bytes, from: peer, now: Self.start + .seconds(1))
        _ = membership.tick(now: Self.start + .seconds(2))
        render()
    }

    mutating func stream(_ bytes: [UInt8]) {
        guard let parsed = try? Memberlist.parseStreamMessage(bytes) else { return }
        _ = membership.handleStream(parsed.message, from: peer, now: Self.start + .seconds(1))
        _ = membership.tick(now: Self.start + .seconds(2))
        render()
    }

    /// What a GET or the next push/pull does with merged state: list and re-encode it.
    func render() {
        var json: [UInt8] = []
        for s in silences.silences.all() {
            // The API's date-times (GET /api/v2/silences), where a far-away date once trapped.
            StrfmtDateTime.append(s.startsAt, to: &json)
            StrfmtDateTime.append(s.endsAt, to: &json)
            StrfmtDateTime.append(s.updatedAt, to: &json)
        }
        _ = silences.silences.countByState()
        _ = silences.fullState()
        _ = nflog.fullState()
        _ = membership.members
    }
}

/// A fixed wall clock: fuzzing must be deterministic. Nothing a target runs sleeps; if
/// something did, it would return at once rather than hold the fuzzer.
struct FixedClock: TimeSource {
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
    func sleep(for duration: Duration) async throws { try Task.checkCancellation() }
}
