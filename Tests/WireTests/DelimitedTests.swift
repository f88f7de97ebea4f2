import Foundation
import SwiftProtobuf
import TestKit
import Testing
@testable import Wire

/// The silence of the reference's worked example (cluster-protocol.md B.7), delimited.
let exampleSilenceDelimited = bytes(
    "66",
    "0a 5c",
    "0a 24", "\"7e2f0b1c-0000-4000-8000-000000000001\"",
    "12 10 12 09", "\"alertname\"", "1a 03", "\"Foo\"",
    "1a 06 08 80 e2 cf aa 06",
    "22 06 08 90 fe cf aa 06",
    "2a 0b 08 80 e2 cf aa 06 10 c0 a9 d3 3a",
    "42 02", "\"me\"", "4a 01", "\"c\"",
    "12 06 08 90 ad ea aa 06")

/// The nflog entry of the reference's worked example (cluster-protocol.md B.7), delimited.
let exampleEntryDelimited = bytes(
    "40 0a 36 0a 14", "\"{}:{alertname=\"Foo\"}\"",
    "12 11 0a 06", "\"team-X\"", "12 07", "\"webhook\"",
    "2a 06 08 80 e2 cf aa 06 32 03 01 ac 02",
    "12 06 08 a0 fb d1 aa 06")

func exampleSilence() -> Silencepb_MeshSilence {
    var matcher = Silencepb_Matcher()
    matcher.name = "alertname"
    matcher.pattern = "Foo"
    var silence = Silencepb_Silence()
    silence.id = "7e2f0b1c-0000-4000-8000-000000000001"
    silence.matchers = [matcher]
    silence.startsAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
    silence.endsAt = Google_Protobuf_Timestamp(seconds: 1_700_003_600)
    silence.updatedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 123_000_000)
    silence.createdBy = "me"
    silence.comment = "c"
    var mesh = Silencepb_MeshSilence()
    mesh.silence = silence
    mesh.expiresAt = Google_Protobuf_Timestamp(seconds: 1_700_435_600)
    return mesh
}

@Suite struct DelimitedTests {
    @Test func write_referenceSilence_matchesGoBytes() throws {
        #expect(exampleSilenceDelimited.count == 103)
        #expect(hex(try Delimited.write(exampleSilence())) == hex(exampleSilenceDelimited))
    }

    @Test func read_referenceSilence_decodesFields() throws {
        let decoded = try Delimited.read(exampleSilenceDelimited, as: Silencepb_MeshSilence.self)
        #expect(decoded == [exampleSilence()])
        #expect(decoded.first?.silence.matchers.first?.type == .equal)
        #expect(decoded.first?.silence.updatedAt.nanos == 123_000_000)
    }

    @Test func read_referenceEntry_decodesPackedHashes() throws {
        let decoded = try Delimited.read(exampleEntryDelimited, as: Nflogpb_MeshEntry.self)
        #expect(decoded.count == 1)
        let entry = try #require(decoded.first).entry
        #expect(entry.groupKey == Data("{}:{alertname=\"Foo\"}".utf8))
        #expect(entry.receiver.groupName == "team-X")
        #expect(entry.receiver.integration == "webhook")
        #expect(entry.receiver.idx == 0)
        #expect(entry.timestamp.seconds == 1_700_000_000)
        #expect(entry.firingAlerts == [1, 300])
        #expect(decoded.first?.expiresAt.seconds == 1_700_036_000)
        #expect(hex(try Delimited.write(decoded)) == hex(exampleEntryDelimited))
    }

    @Test func read_unpackedRepeatedHashes_acceptedLikeGogo() throws {
        // firing_alerts 1 and 300 written unpacked (tag 0x30 per element).
        let body = bytes("0a 05 30 01 30 ac 02")
        let decoded = try Delimited.read([UInt8(body.count)] + body, as: Nflogpb_MeshEntry.self)
        #expect(decoded.first?.entry.firingAlerts == [1, 300])
    }

    @Test func read_severalMessages_keepsOrder() throws {
        var second = exampleSilence()
        second.silence.id = "other"
        let stream = try Delimited.write([exampleSilence(), second, exampleSilence()])
        let ids = try Delimited.read(stream, as: Silencepb_MeshSilence.self).map(\.silence.id)
        #expect(ids == ["7e2f0b1c-0000-4000-8000-000000000001", "other", "7e2f0b1c-0000-4000-8000-000000000001"])
    }

    @Test func read_emptyInput_yieldsNoMessages() throws {
        #expect(try Delimited.read([], as: Silencepb_MeshSilence.self).isEmpty)
    }

    @Test func read_zeroLengthMessage_yieldsDefaultMessage() throws {
        #expect(try Delimited.read([0x00], as: Nflogpb_MeshEntry.self) == [Nflogpb_MeshEntry()])
    }

    @Test func read_truncatedSecondMessage_reportsOneGoodMessage() {
        let file = exampleSilenceDelimited + Array(exampleSilenceDelimited.prefix(50))
        #expect(throws: DelimitedError(
            kind: .truncatedMessage(declared: 102, available: 49), offset: 103, messagesRead: 1)
        ) {
            try Delimited.read(file, as: Silencepb_MeshSilence.self)
        }
    }

    @Test func read_endsInsideLengthPrefix_reportsTruncatedLength() {
        let file = exampleEntryDelimited + [0x80, 0x81]
        #expect(throws: DelimitedError(kind: .truncatedLength, offset: 65, messagesRead: 1)) {
            try Delimited.read(file, as: Nflogpb_MeshEntry.self)
        }
    }

    @Test func read_sixByteLengthPrefix_rejectedLikeGo() {
        #expect(throws: DelimitedError(kind: .lengthPrefixTooLong, offset: 0, messagesRead: 0)) {
            try Delimited.read([0x80, 0x80, 0x80, 0x80, 0x80, 0x01], as: Nflogpb_MeshEntry.self)
        }
    }

    @Test func read_garbageBody_reportsInvalidMessageWithCount() throws {
        // Length 3, then a field header with wire type 7 (invalid) and junk.
        let file = exampleEntryDelimited + [0x03, 0x0f, 0xff, 0xff]
        let error = try #require(throws: DelimitedError.self) {
            try Delimited.read(file, as: Nflogpb_MeshEntry.self)
        }
        #expect(error.messagesRead == 1)
        #expect(error.offset == 65)
        guard case .invalidMessage = error.kind else {
            Issue.record("expected invalidMessage, got \(error.kind)")
            return
        }
        #expect(error.description.contains("after 1 good message"))
    }

    /// A stream long enough to be decoded in runs, one per core: entry `i` has firing alert `i`.
    static func longEntryStream(_ count: Int) throws -> [UInt8] {
        let entries = (0..<count).map { i -> Nflogpb_MeshEntry in
            var m = Nflogpb_MeshEntry()
            m.entry.groupKey = Data("{}:{n=\"\(i)\"}".utf8)
            m.entry.firingAlerts = [UInt64(i)]
            return m
        }
        return try Delimited.write(entries)
    }

    @Test func read_longStream_keepsOrderAcrossRuns() throws {
        let count = Delimited.parallelDecodeMinimum * 3 + 7
        let decoded = try Delimited.read(try Self.longEntryStream(count), as: Nflogpb_MeshEntry.self)
        #expect(decoded.map { $0.entry.firingAlerts.first ?? .max } == (0..<UInt64(count)).map { $0 })
    }

    @Test func readPrefix_longStreamWithBadMessageLate_keepsEverythingBeforeIt() throws {
        // A bad body late in the stream (in a later run than the first) and a torn tail after
        // it: the bad body is the error, counted and located as a sequential reader would.
        let count = Delimited.parallelDecodeMinimum * 2
        let good = try Self.longEntryStream(count)
        let file = good + [0x03, 0x0f, 0xff, 0xff] + exampleEntryDelimited + [0x80]
        let (messages, error) = Delimited.readPrefix(file, as: Nflogpb_MeshEntry.self)
        #expect(messages.count == count)
        #expect(messages.last?.entry.firingAlerts == [UInt64(count - 1)])
        let failure = try #require(error)
        #expect(failure.offset == good.count)
        #expect(failure.messagesRead == count)
        guard case .invalidMessage = failure.kind else {
            Issue.record("expected invalidMessage, got \(failure.kind)")
            return
        }
    }

    @Test func readPrefix_longStreamTornTail_reportsTheTail() throws {
        let count = Delimited.parallelDecodeMinimum + 1
        let good = try Self.longEntryStream(count)
        let (messages, error) = Delimited.readPrefix(good + [0x80], as: Nflogpb_MeshEntry.self)
        #expect(messages.count == count)
        #expect(error == DelimitedError(kind: .truncatedLength, offset: good.count, messagesRead: count))
    }

    @Test func read_randomGarbage_throwsInsteadOfCrashing() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<200 {
            let count = Int(generator.next() % 64)
            let garbage = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? Delimited.read(garbage, as: Silencepb_MeshSilence.self)
            _ = try? Delimited.read(garbage, as: Nflogpb_MeshEntry.self)
        }
    }

    @Test func part_referenceBroadcast_matchesGoBytes() throws {
        var part = Clusterpb_Part()
        part.key = "sil"
        part.data = Data(exampleSilenceDelimited)
        let encoded: [UInt8] = try part.serializedBytes()
        #expect(hex(encoded) == hex(bytes("0a 03", "\"sil\"", "12 67") + exampleSilenceDelimited))
    }
}

