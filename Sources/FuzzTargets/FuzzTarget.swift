import AlertCore
import APIModel
import Config
import Foundation
import GoRegex
import Mesh
import NotificationLog
import Silences
import SMTPProtocol
import Templating
import Wire

/// Every decoder that reads bytes from outside (a peer, a client, a file), as one function
/// each. libFuzzer drives them through `tocsin-fuzz` (`scripts/fuzz`); `swift test` replays
/// the committed corpus (`Fuzz/corpus/<target>/`: seeds, and every input that ever crashed)
/// through them. A target returns normally for any input, errors included: a trap is a
/// finding. Round-trip properties are checked where the format has an encoder.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// `filter=` and config matchers, 0.25's parser.
    case classicMatchers
    /// The 0.27+ UTF-8 matcher parser (what `--enable-feature` / fallback mode reads).
    case utf8Matchers
    /// The RE2 parser and compiler, then one match (regexes come from filters and silences).
    case regex
    /// Go's LZW, which memberlist uses for compressed packets and streams.
    case lzw
    /// One UDP gossip packet into a live membership machine with silences and nflog behind it.
    case memberlistPacket
    /// One TCP gossip stream message (push/pull, user message, ping) into the machine.
    case memberlistStream
    /// A `sil` broadcast: delimited `MeshSilence` messages merged into a silences store.
    case silencesGossip
    /// The silences file (snapshot plus journal) as loaded at start.
    case silencesSnapshot
    /// An `nfl` broadcast or the nflog file.
    case nflogGossip
    /// A `POST /api/v2/alerts` body (the ingest decoder, the hottest parser).
    case postableAlerts
    /// A `POST /api/v2/silences` body, then its times as the API reads them.
    case postableSilence
    /// alertmanager.yml, as `/-/reload` and `check-config` read it.
    case configYAML
    /// A Go text/template, as the config's `templates:` and `tocsinctl template render` read it.
    case template
    /// What an SMTP server answers: reply lines (CRLF-separated) through the reply parser.
    case smtpReplies
    /// The query string of `GET /api/v2/alerts`: `filter=` matchers, `receiver`, switches.
    case apiQuery

    package func run(_ bytes: [UInt8]) {
        switch self {
        case .classicMatchers: _ = try? ClassicMatcherParser.parseMatchers(text(bytes))
        case .utf8Matchers: _ = try? UTF8MatcherParser.parseMatchers(text(bytes))
        case .regex: Self.regex(text(bytes))
        case .lzw: Self.lzw(bytes)
        case .memberlistPacket:
            var node = GossipHarness()
            node.packet(bytes)
        case .memberlistStream:
            var node = GossipHarness()
            node.stream(bytes)
        case .silencesGossip:
            let node = GossipHarness()
            _ = node.silences.mergeDelta(bytes)
            node.render()
        case .silencesSnapshot: _ = SilencesCodec.load(bytes)
        case .nflogGossip: Self.nflog(bytes)
        case .postableAlerts:
            _ = bytes.withUnsafeBufferPointer { try? PostableAlertDecoder.decode($0) }
        case .postableSilence:
            if case .success(let silence) = PostableSilence.decode(bytes) { _ = silence.times() }
        case .configYAML: _ = try? AlertmanagerConfig.load(yaml: text(bytes), baseDirectory: "/nonexistent-fuzz-dir")
        case .template:
            var set = TemplateSet()
            try? set.parse(text(bytes), name: "fuzz")
        case .smtpReplies: Self.smtpReplies(bytes)
        case .apiQuery: Self.apiQuery(text(bytes))
        }
    }

    /// Inputs are bytes; the text parsers get them as Go does, invalid UTF-8 replaced.
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func regex(_ pattern: String) {
        guard let re = try? RE2(pattern) else { return }
        _ = re.matches(pattern)
        _ = re.matches("")
    }

    /// Lines as the SMTP handler splits them; after a bad line the client gives up on the
    /// connection, so a fresh parser takes the rest.
    private static func smtpReplies(_ bytes: [UInt8]) {
        var parser = SMTPReplyParser()
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            do {
                if let reply = try parser.feed(String(decoding: trimmed, as: UTF8.self)) {
                    precondition((0...999).contains(reply.code) && !reply.lines.isEmpty, "bad reply \(reply)")
                }
            } catch {
                parser = SMTPReplyParser()
            }
        }
    }

    /// The alert listings' query parsing: `url.ParseQuery`-style decoding, then `filter=`
    /// matchers (fallback mode), the `receiver` regex and the state switches, regex limit included.
    private static func apiQuery(_ rawQuery: String) {
        guard case .success(let query) = AlertQuery.parse(QueryString(rawQuery), parser: MatcherParser()) else { return }
        for m in query.matchers { _ = m.matches(utf8: UnsafeBufferPointer(start: nil, count: 0), interrupt: { false }) }
    }

    /// As a gossip buffer, then as the file at start, whose fast scan must read each message
    /// as the decoder does; the loaded state must answer and write a snapshot.
    private static func nflog(_ bytes: [UInt8]) {
        _ = try? NotificationLogStore(retention: 3600).merge(bytes, now: Date(timeIntervalSince1970: 1_700_000_000))
        precondition(NotificationLogState.scanAgreesWithDecoder(bytes), "nflog scan and decoder disagree")
        var state = NotificationLogState(retention: 3600)
        _ = try? state.load(bytes)
        _ = state.allEntries
        var again = NotificationLogState(retention: 3600)
        _ = try? again.load(state.snapshot())
        precondition(again.snapshot() == state.snapshot(), "nflog snapshot of a loaded file reads back differently")
    }

    private static func lzw(_ bytes: [UInt8]) {
        _ = try? LZW.decompress(bytes, limit: 1 << 20)
        // Round trip: what we compress, Go (and we) must read back unchanged.
        let back = try? LZW.decompress(LZW.compress(bytes))
        precondition(back == bytes, "LZW round trip changed \(bytes.count) bytes")
    }
}
