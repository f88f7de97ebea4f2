import AlertCore
import Crypto
import Foundation
import GoCompat
import Logging
import Notify
import Templating

/// Renders an integration's templated fields for one notification (`notify.TmplText` /
/// `TmplHTML` over `GetTemplateData`). A template error is not retryable.
struct Renderer {
    let templates: TemplateSet
    let data: TemplateData
    var html = false

    init(templates: TemplateSet, externalURL: String, ctx: NotificationContext, alerts: [Alert], now: Date) {
        self.templates = templates
        data = TemplateData.make(receiver: ctx.receiverName, groupLabels: ctx.groupLabels.dictionary,
                                 alerts: alerts.map { EmailNotifier.templateAlert($0, now: now) },
                                 externalURL: externalURL, routeLabels: ctx.routeLabels,
                                 notificationReason: ctx.notificationReason)
    }

    func callAsFunction(_ text: String) throws(NotifyError) -> String {
        do {
            return html ? try templates.executeHTML(text, data: data) : try templates.executeText(text, data: data)
        } catch {
            throw NotifyError.permanent("\(error)")
        }
    }

    /// `value` with the texts at `paths` rendered, in that order (the first failure stops it).
    func callAsFunction<S>(_ value: S, _ paths: WritableKeyPath<S, String>...) throws(NotifyError) -> S {
        var out = value
        for path in paths { out[keyPath: path] = try self(value[keyPath: path]) }
        return out
    }

    /// True when every alert is resolved (`types.Alerts.Status()`).
    var resolved: Bool { data.status == "resolved" }
}

/// Go's `notify.TruncateInRunes` and `TruncateInBytes`, marking a cut with `…`.
enum Truncate {
    static let marker = "…"

    static func runes(_ s: String, _ n: Int) -> (String, truncated: Bool) {
        let scalars = Array(s.unicodeScalars)
        if scalars.count <= n { return (s, false) }
        if n <= 3 { return (String(String.UnicodeScalarView(scalars[..<n])), true) }
        return (String(String.UnicodeScalarView(scalars[..<(n - 1)])) + marker, true)
    }

    static func bytes(_ s: String, _ n: Int) -> (String, Bool) {
        if s.utf8.count <= n { return (s, false) }
        if n <= 3 { return (n == 3 ? marker : String(repeating: ".", count: n), true) }
        var out = String.UnicodeScalarView()
        var size = 0
        for u in s.unicodeScalars {
            let w = String(u).utf8.count
            if size + w > n - 3 { break }
            out.append(u)
            size += w
        }
        return (String(out) + marker, true)
    }

    /// Truncates in runes and logs the warning 0.25 logs when it cut.
    static func runes(_ s: String, _ n: Int, logger: Logger, what: String, key: String,
                      keyName: String = "key") -> String {
        let (out, cut) = runes(s, n)
        if cut { logger.warning("Truncated \(what)", metadata: [keyName: "\(key)", "max_runes": "\(n)"]) }
        return out
    }
}

enum GroupKeyHash {
    /// `notify.Key.Hash`: hex SHA-256 of the group key (PagerDuty dedup key, OpsGenie alias, ...).
    static func hex(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

enum SecretFile {
    /// Reads a `*_file` secret at send time, as 0.25 does (so a rotated file is picked up).
    /// - Parameters:
    ///   - trim: most integrations trim the content; OpsGenie's key is used as read.
    ///   - context: put before Go's `open` error ("" for none).
    ///   - retryable: Telegram retries a failed read; the others give up.
    static func read(_ path: String, trim: Bool = true, context: String,
                     retryable: Bool = false) throws(NotifyError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let message = "open \(path): no such file or directory"
            throw NotifyError(retryable: retryable, message: context.isEmpty ? message : "\(context): \(message)")
        }
        let s = String(decoding: data, as: UTF8.self)
        return trim ? s.trimmingCharacters(in: .whitespacesAndNewlines) : s
    }

    /// `x` when set, else the content of `x_file` (the config allows only one of them): the
    /// choice every integration with a secret makes. nil means unset.
    static func value(_ inline: String?, orFile path: String, trim: Bool = true,
                      context: String) throws(NotifyError) -> String {
        if let inline { return inline }
        return try read(path, trim: trim, context: context)
    }

    /// The same for a setting where empty means unset.
    static func value(_ inline: String, orFile path: String, trim: Bool = true,
                      context: String) throws(NotifyError) -> String {
        try value(inline.isEmpty ? nil : inline, orFile: path, trim: trim, context: context)
    }
}

extension GoJSONWriter {
    /// `,"key":"value"` (or without the comma first) for hand-written Go struct encodings.
    mutating func field(_ key: String, _ value: String, first: Bool = false, omitEmpty: Bool = false) {
        if omitEmpty && value.isEmpty { return }
        key0(key, first: first)
        string(value)
    }

    mutating func key0(_ key: String, first: Bool = false) {
        if !first { raw(UInt8(ascii: ",")) }
        string(key)
        raw(UInt8(ascii: ":"))
    }

    /// A Go `map[string]string`: keys sorted byte-wise.
    mutating func stringMap(_ m: [String: String]) {
        raw(UInt8(ascii: "{"))
        for (i, k) in m.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).enumerated() {
            key0(k, first: i == 0)
            string(m[k] ?? "")
        }
        raw(UInt8(ascii: "}"))
    }

    mutating func bool(_ b: Bool) {
        if b { raw("true") } else { raw("false") }
    }

    /// The trailing newline `json.Encoder.Encode` writes.
    mutating func newline() { raw(UInt8(ascii: "\n")) }

    /// What `json.Encoder.Encode` sends: the value `build` writes, then the newline.
    static func encoded(_ build: (inout GoJSONWriter) -> Void) -> [UInt8] {
        var w = GoJSONWriter()
        build(&w)
        w.newline()
        return w.bytes
    }
}
