import APIModel
import Foundation
import GoCompat

/// amtool's three output formatters (`cli/format`): `simple` and `extended` tables through Go's
/// tabwriter, `json` through Go's JSON encoder. Each function returns the exact stdout text.
package struct Formatter: Sendable {
    package var output: Settings.Output
    package var dateFormat: String

    package init(output: Settings.Output, dateFormat: String = GoLayout.defaultDateFormat) {
        self.output = output
        self.dateFormat = dateFormat
    }

    func date(_ t: GoTime) -> String { t.format(dateFormat) }

    /// Silences sorted by end time (amtool's `ByEndAt`, with Go's unstable tie order).
    func silences(_ input: [GettableSilence]) -> String {
        if output == .json { return Self.jsonArray(input) { $0.gettableSilence($1) } }
        let list = GoSort.sorted(input) { $0.endsAt < $1.endsAt }
        if output == .simple {
            return Self.table(list, header: ["ID", "Matchers", "Ends At", "Created By", "Comment"]) { s in
                [s.id ?? "", s.matchers.map(\.display).joined(separator: " "), date(s.endsAt), s.createdBy, s.comment]
            }
        }
        return Self.table(list, header: ["ID", "Matchers", "Starts At", "Ends At", "Updated At", "Created By", "Comment"]) { s in
            [s.id ?? "", "{" + s.matchers.map(\.display).joined(separator: ",") + "}", date(s.startsAt),
             date(s.endsAt), date(s.updatedAt ?? .zero), s.createdBy, s.comment]
        }
    }

    /// Alerts sorted by start time (amtool's `ByStartsAt`, with Go's unstable tie order).
    func alerts(_ input: [GettableAlert]) -> String {
        if output == .json { return Self.jsonArray(input) { $0.gettableAlert($1) } }
        let list = GoSort.sorted(input) { $0.startsAt < $1.startsAt }
        if output == .simple {
            return Self.table(list, header: ["Alertname", "Starts At", "Summary", "State"]) { a in
                [a.labels["alertname"] ?? "", date(a.startsAt), a.annotations?["summary"] ?? "", a.state]
            }
        }
        return Self.table(list, header: ["Labels", "Annotations", "Starts At", "Ends At", "Generator URL", "State"]) { a in
            [Self.pairs(a.labels), Self.pairs(a.annotations ?? [:]), date(a.startsAt), date(a.endsAt), a.generatorURL, a.state]
        }
    }

    /// amtool's tables: every cell, the header's too, ends in a tab, so tabwriter aligns the
    /// last column as well.
    static func table<T>(_ items: [T], header: [String], _ row: (T) -> [String]) -> String {
        var t = ""
        for cells in [header] + items.map(row) { t += cells.joined(separator: "\t") + "\t\n" }
        return TabWriter().format(t)
    }

    /// A JSON array as Go's Encoder writes it (compact, with its newline).
    static func jsonArray<T>(_ items: [T], _ write: (inout JSONWriter, T) -> Void) -> String {
        var w = JSONWriter(capacity: 256 * items.count + 2)
        w.array(items, write)
        w.raw(UInt8(ascii: "\n"))
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// `name="value"` pairs, unescaped, sorted as whole strings, space separated.
    static func pairs(_ m: [String: String]) -> String {
        m.map { "\($0.key)=\"\($0.value)\"" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: " ")
    }

    /// `config show`. Extended output prints the values where amtool 0.25 prints Go pointers.
    func config(_ s: APIStatus) -> String {
        switch output {
        case .json:
            var w = JSONWriter(capacity: s.configYAML.utf8.count + 512)
            w.status(s)
            return String(decoding: w.bytes, as: UTF8.self)
        case .simple: return s.configYAML + "\n"
        case .extended:
            let v = s.versionInfo
            return s.configYAML + "\n" + "buildUser \(v.buildUser)\ngoVersion \(v.goVersion)\nrevision \(v.revision)\n"
                + "version \(v.version)\nbranch \(v.branch)\nbuildDate \(v.buildDate)\nuptime \(s.uptime.rfc3339Millis)\n"
        }
    }

    /// `cluster show`; extended adds the peers sorted by IP then port (amtool's `ByAddress`).
    func cluster(_ c: APIStatus.ClusterStatus) -> String {
        switch output {
        case .json:
            var w = JSONWriter(capacity: 256)
            w.clusterStatus(c)
            return String(decoding: w.bytes, as: UTF8.self) + "\n"
        case .simple: return TabWriter().format("Cluster Status:\t\(c.status)\nNode Name:\t\(c.name ?? "")\n")
        case .extended:
            var t = "Cluster Status:\t\(c.status)\nNode Name:\t\(c.name ?? "")\n\nAddress\tName\n"
            for p in GoSort.sorted(c.peers, by: { Self.addressLess($0.address, $1.address) }) { t += "\(p.address)\t\(p.name)\t\n" }
            return TabWriter().format(t)
        }
    }

    static func addressLess(_ a: String, _ b: String) -> Bool {
        let (ha, pa) = splitHostPort(a)
        let (hb, pb) = splitHostPort(b)
        if ha == hb { return (Int(pa) ?? 0) < (Int(pb) ?? 0) }
        return ipBytes(ha).lexicographicallyPrecedes(ipBytes(hb))
    }

    static func splitHostPort(_ s: String) -> (String, String) {
        guard let i = s.lastIndex(of: ":") else { return ("", "") }
        var host = String(s[..<i])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, String(s[s.index(after: i)...]))
    }

    /// Go's `net.ParseIP` bytes: IPv4 in its 16-byte mapped form, nil (empty) when invalid.
    static func ipBytes(_ s: String) -> [UInt8] {
        var v4 = in_addr()
        if inet_pton(AF_INET, s, &v4) == 1 {
            return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] + withUnsafeBytes(of: v4.s_addr) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, s, &v6) == 1 { return withUnsafeBytes(of: v6) { Array($0) } }
        return []
    }
}
