import Foundation
import Mesh
import SwiftProtobuf
import Wire
import XCTest

/// The channel counters behind Alertmanager's `alertmanager_cluster_messages_*` and
/// `alertmanager_{silences,nflog}_gossip_messages_propagated_total` metrics.
final class ReplicatedChannelsTests: XCTestCase {
    private func part(_ key: String, _ text: String) -> [UInt8] {
        var part = Clusterpb_Part()
        part.key = key
        part.data = Data(text.utf8)
        return (try? part.serializedBytes()) ?? []
    }

    func test_notifyMessage_newUpdate_countsPropagatedAndRequeues() {
        var channels = ReplicatedChannels()
        channels.register(TestStore(key: "sil"))
        channels.notifyMessage(part("sil", "a=1"))
        XCTAssertEqual(channels.counters.propagated["sil"], 1)
        XCTAssertEqual(channels.counters.updatesReceived, 1)
        XCTAssertEqual(channels.queuedBroadcasts, 1)
    }

    func test_notifyMessage_staleUpdate_isCountedReceivedButNotPropagated() {
        var channels = ReplicatedChannels()
        channels.register(TestStore(key: "sil"))
        channels.notifyMessage(part("sil", "a=2"))
        channels.notifyMessage(part("sil", "a=1"))
        channels.notifyMessage(part("nfl", "a=3"))
        XCTAssertEqual(channels.counters.updatesReceived, 3)
        XCTAssertEqual(channels.counters.propagated["sil"], 1)
        XCTAssertNil(channels.counters.propagated["nfl"])
        XCTAssertEqual(channels.ignoredMessages, 1)
    }
}
