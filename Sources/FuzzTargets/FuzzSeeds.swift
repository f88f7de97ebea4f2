import AlertCore
import Foundation
import NotificationLog
import Silences
import SwiftProtobuf
import Wire

/// Well-formed inputs for each target, made with the project's own encoders (which are
/// checked byte for byte against Alertmanager's in the codec tests), so the fuzzer starts
/// from messages a real peer sends. `tocsin-fuzz --write-seeds DIR` writes them out;
/// `Fuzz/corpus/` holds the committed copy plus every input that once crashed.
package enum FuzzSeeds {
    package static func seeds(for target: FuzzTarget) -> [[UInt8]] {
        switch target {
        case .classicMatchers, .utf8Matchers:
            return texts(#"{alertname="Watchdog",severity=~"crit.*"}"#, #"job!="x", instance!~"a|b""#,
                         #"foo="bar\"baz""#, "a=b,c=~d")
        case .smtpReplies:
            return texts("220 mx.example.com ESMTP ready\r\n", "250-mx.example.com\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 STARTTLS\r\n",
                         "354 go ahead\r\n250 2.0.0 queued\r\n221 bye\r\n", "535 5.7.8 bad credentials\r\n", "250-a\r\n251 b\r\n")
        case .apiQuery:
            return texts("filter=alertname%3D%22Watchdog%22&filter=severity%3D~%22crit.%2A%22&active=true",
                         "receiver=team-.%2A&silenced=false&inhibited=false&unprocessed=true",
                         #"filter={foo="bar"}&filter=v=~"(.*){1000}x""#, "filter=a%ZZ&filter=+b+%3D+c+")
        case .regex:
            return texts("^(a|b)*c$", #"[[:alpha:]]+\d{2,5}"#, "(?i)foo.*bar", #"\p{Greek}+|[^\x00-\x7f]"#)
        case .lzw:
            return [LZW.compress(Array("alertmanager gossip gossip gossip".utf8)), Array("plain".utf8)]
        case .memberlistPacket:
            let alive = Memberlist.message(.alive, Memberlist.Alive(incarnation: 1, node: "peer", addr: [127, 0, 0, 2], port: 9094))
            let ping = Memberlist.message(.ping, Memberlist.Ping(seqNo: 7, node: "fuzz"))
            let user = [Memberlist.MessageType.user.rawValue] + part("sil", silences())
            let compound = (try? Memberlist.compoundMessage([alive, user])) ?? alive
            return [alive, ping, user, compound, Memberlist.compressedMessage(compound)]
        case .memberlistStream:
            let node = Memberlist.PushNodeState(name: "peer", addr: [127, 0, 0, 2], port: 9094, incarnation: 1, state: .alive)
            let state = part("sil", silences()) + part("nfl", nflog())
            let pushPull = Memberlist.PushPull(join: false, nodes: [node], userState: state)
            return [Memberlist.encodeStreamMessage(.pushPull(pushPull), compress: false),
                    Memberlist.encodeStreamMessage(.pushPull(pushPull), compress: true),
                    Memberlist.encodeStreamMessage(.user(part("nfl", nflog())), compress: false)]
        case .silencesGossip, .silencesSnapshot:
            return [silences()]
        case .nflogGossip:
            return [nflog()]
        case .postableAlerts:
            return texts(#"[{"labels":{"alertname":"Disk","instance":"a:9100"},"annotations":{"summary":"full"},"startsAt":"2026-12-06T10:00:00.000Z","generatorURL":"http://prom/graph"}]"#,
                         #"[{"labels":{"alertname":"x"},"endsAt":"2026-12-06T10:00:00+01:00"},{"labels":{"b":"\u00e9"}}]"#)
        case .postableSilence:
            return texts(#"{"matchers":[{"name":"job","value":"node.*","isRegex":true,"isEqual":true}],"startsAt":"2026-12-06T10:00:00Z","endsAt":"2026-12-06T12:00:00Z","createdBy":"ops","comment":"maintenance"}"#,
                         #"{"id":"4ef3c5d3-2c2e-4a4e-9a53-0e0e1c0b8a11","matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2026-12-06T10:00:00.5+02:00","endsAt":"2026-12-07T10:00:00Z","createdBy":"x","comment":"y"}"#)
        case .configYAML:
            return texts("""
                route:
                  receiver: team
                  group_by: [alertname]
                  routes:
                    - matchers: ['severity="page"']
                      receiver: pager
                      mute_time_intervals: [weekend]
                receivers:
                  - name: team
                    webhook_configs: [{url: 'http://127.0.0.1:5001/'}]
                  - name: pager
                    email_configs: [{to: 'a@example.org', from: 'b@example.org', smarthost: 'localhost:25'}]
                inhibit_rules:
                  - source_matchers: [severity="page"]
                    target_matchers: [severity="warn"]
                    equal: [alertname]
                time_intervals:
                  - name: weekend
                    time_intervals: [{weekdays: ['saturday:sunday']}]
                """)
        case .template:
            return texts(#"{{ define "x" }}{{ range .Alerts.Firing }}{{ .Labels.alertname | toUpper }}{{ end }}{{ end }}"#,
                         #"{{ if gt (len .Alerts) 1 }}{{ printf "%d" 2 }}{{ else }}{{ template "x" . }}{{ end }}"#)
        }
    }

    private static func texts(_ values: String...) -> [[UInt8]] { values.map { Array($0.utf8) } }

    /// A `clusterpb.Part` for a channel, as Alertmanager's delegate frames user messages.
    private static func part(_ key: String, _ data: [UInt8]) -> [UInt8] {
        var p = Clusterpb_Part()
        p.key = key
        p.data = Data(data)
        return (try? Array(p.serializedData())) ?? []
    }

    private static func silences() -> [UInt8] {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        guard let m = try? Matcher(.regexp, "job", "node.*") else { return [] }
        let s = Silence(id: "4ef3c5d3-2c2e-4a4e-9a53-0e0e1c0b8a11", matchers: [m], startsAt: t0, endsAt: t0 + 3600,
                        updatedAt: t0, createdBy: "ops", comment: "fuzz seed")
        return SilencesCodec.snapshot([MeshSilence(silence: s, expiresAt: t0 + 7200)])
    }

    private static func nflog() -> [UInt8] {
        var m = Nflogpb_MeshEntry()
        m.entry.groupKey = Data(#"{}:{alertname="x"}"#.utf8)
        m.entry.receiver.groupName = "team"
        m.entry.receiver.integration = "webhook"
        m.entry.timestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
        m.entry.firingAlerts = [1, 2]
        m.expiresAt = Google_Protobuf_Timestamp(seconds: 1_700_400_000)
        return (try? Delimited.write(m)) ?? []
    }
}
