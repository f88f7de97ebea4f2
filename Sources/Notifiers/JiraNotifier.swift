import AlertCore
import Foundation
import GoCompat
import Logging
import NIOHTTP1
import Notify
import Templating

/// `jira_configs` as Alertmanager 0.34 drives Jira (`notify/jira`): search for the group's
/// issue by its `ALERT{sha256(group key)}` label, then create it (POST `issue`) or update it
/// (PUT `issue/KEY`), and move it through `resolve_transition` / `reopen_transition` when the
/// group resolves or fires again. A resolved group with no issue creates none.
package struct JiraNotifier: BuiltFromParts {
    static let maxSummaryRunes = 255
    static let maxDescriptionRunes = 32767
    /// Jira's answers carry no secret, but Go's client sends its own agent here (no `User-Agent` set).
    static let userAgent = "Go-http-client/1.1"

    package struct Config: Sendable {
        package var apiURL: String
        /// `auto`, `cloud` or `datacenter`.
        package var apiType = "auto"
        package var project = "", issueType = "", priority = ""
        package var summary = "", description = ""
        package var updateSummary = true, updateDescription = true
        package var labels: [String] = []
        package var reopenTransition = "", resolveTransition = "", wontFixResolution = ""
        /// `reopen_duration` in whole minutes.
        package var reopenMinutes: Int64 = 0
        /// Free-form `fields`, merged over the standard ones.
        package var fields: [String: JSONTree] = [:]
        /// What a rendered `fields` string becomes (YAML read back, as Go's `DeepCopyWithTemplate`).
        package var reparse: @Sendable (String) -> JSONTree? = { _ in nil }
        package init(apiURL: String) { self.apiURL = apiURL }
    }

    package let parts: NotifierParts<Config>
    let logger = Logger(label: "tocsin.notify.jira")

    package init(_ parts: NotifierParts<Config>) { self.parts = parts }

    /// The issue found by the search: its key and status category (`done` or another).
    struct FoundIssue: Equatable {
        var key: String
        var statusCategory: String?
    }

    package func notify(_ ctx: NotificationContext, alerts: [Alert]) async throws(NotifyError) {
        let now = sender.clock.now()
        let t = parts.renderer(ctx, alerts: alerts, now: now)
        let firing = !t.resolved
        let groupID = GroupKeyHash.hex(ctx.groupKey)

        let existing: FoundIssue?
        do {
            let (url, body) = try searchRequest(groupID: groupID, firing: firing, t)
            let answer = try await call(.POST, url, body, ctx)
            existing = try Self.parseSearch(answer)
        } catch {
            throw NotifyError(retryable: error.retryable, message: "failed to look up existing issues: \(error.message)",
                              reason: error.reason)
        }
        if existing == nil && !firing { return }
        let path = existing.map { "issue/\($0.key)" } ?? "issue"
        let method: HTTPMethodName = existing == nil ? .POST : .PUT
        let body = try issueBody(groupID: groupID, update: existing != nil, t)
        do { _ = try await call(method.nio, goJoinPath(settings.apiURL, path), body, ctx) } catch {
            throw NotifyError(retryable: error.retryable,
                              message: "failed to \(method.rawValue) request to \(GoQuote.quote(path)): \(error.message)",
                              reason: error.reason)
        }
        guard let existing, let category = existing.statusCategory else { return }
        let transition: String
        if firing {
            if category != "done" { return }
            transition = settings.reopenTransition
        } else {
            if category == "done" { return }
            transition = settings.resolveTransition
        }
        if transition.isEmpty { return }
        let transitionsURL = goJoinPath(settings.apiURL, "issue/\(existing.key)/transitions")
        let list = try await call(.GET, transitionsURL, nil, ctx)
        guard let id = Self.transitionID(named: transition, in: list) else {
            throw NotifyError.permanent("can't find transition \(transition) for issue \(existing.key)")
        }
        var w = GoJSONWriter(capacity: 64)
        w.raw(#"{"transition":{"#)
        if !id.isEmpty { w.raw(#""id":"#); w.string(id) }
        w.raw("}}\n")
        _ = try await call(.POST, transitionsURL, w.bytes, ctx)
    }

    /// One API call (`doAPIRequestFullPath`): 2xx gives the body; 5xx and 429 are retried;
    /// a transport error is not retried and shows the URL, as in Go.
    func call(_ method: HTTPMethod, _ url: String, _ body: [UInt8]?, _ ctx: NotificationContext) async throws(NotifyError)
        -> [UInt8] {
        let answer: HTTPReply
        do {
            answer = try await sender.send(method, url: url, contentType: "application/json",
                                         headers: [("Accept-Language", "en")], body: body, userAgent: Self.userAgent,
                                         ctx: ctx)
        } catch {
            let verb = method.rawValue.prefix(1) + method.rawValue.dropFirst().lowercased()
            throw NotifyError(retryable: error.reason == .contextDeadlineExceeded,
                              message: error.message.replacingOccurrences(of: "\(verb) \"<redacted>\"",
                                                                          with: "\(verb) \(GoQuote.quote(url))"),
                              reason: error.reason)
        }
        try StatusCheck.check(answer, now: sender.clock.now())
        return answer.body
    }

    /// The search's URL and body (`prepareSearchRequest`): Jira Cloud's `search/jql` (API 3)
    /// for `cloud`, or `auto` with an `atlassian.net` host; `search` otherwise.
    func searchRequest(groupID: String, firing: Bool, _ t: Renderer) throws(NotifyError) -> (String, [UInt8]) {
        var jql = ""
        if !settings.wontFixResolution.isEmpty {
            jql += "(resolution is EMPTY or resolution != \(GoQuote.quote(settings.wontFixResolution))) and "
        }
        if firing && !settings.reopenTransition.isEmpty && settings.reopenMinutes > 0 {
            jql += "(resolutiondate is EMPTY OR resolutiondate >= -\(settings.reopenMinutes)m) and "
        } else {
            jql += "statusCategory != Done and "
        }
        let project: String
        do { project = try t(settings.project) } catch {
            throw NotifyError.permanent("invalid project template or value: \(error.message)")
        }
        jql += "project=\(GoQuote.quote(project)) and labels=\(GoQuote.quote("ALERT{\(groupID)}")) order by status ASC,resolutiondate DESC"
        var w = GoJSONWriter(capacity: 256)
        w.raw(#"{"fields":["status"],"jql":"#)
        w.string(jql)
        w.raw(#","maxResults":2}"#)
        w.raw("\n")
        let host = URLComponents(string: settings.apiURL)?.host ?? ""
        let url: String
        if settings.apiType == "cloud" || (settings.apiType == "auto" && host.hasSuffix("atlassian.net")) {
            let joined = goJoinPath(settings.apiURL, "/search/jql")
            if let r = joined.range(of: "/rest/api/2/") { url = joined.replacingCharacters(in: r, with: "/rest/api/3/") } else { url = joined }
        } else {
            url = goJoinPath(settings.apiURL, "/search")
        }
        return (url, w.bytes)
    }

    static func parseSearch(_ body: [UInt8]) throws(NotifyError) -> FoundIssue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw NotifyError.permanent("invalid JSON in search response: \(GoQuote.quote(String(decoding: body, as: UTF8.self)))")
        }
        guard let issues = object["issues"] as? [[String: Any]], let first = issues.first else { return nil }
        let status = (first["fields"] as? [String: Any])?["status"] as? [String: Any]
        let category = status.map { (($0["statusCategory"] as? [String: Any])?["key"] as? String) ?? "" }
        return FoundIssue(key: first["key"] as? String ?? "", statusCategory: (first["key"] as? String ?? "").isEmpty ? nil : category)
    }

    static func transitionID(named name: String, in body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let list = object["transitions"] as? [[String: Any]] else { return nil }
        return list.first { ($0["name"] as? String) == name }.map { $0["id"] as? String ?? "" }
    }

    /// `{"fields":{…}}` for create (POST) or update (PUT), keys sorted as Go marshals the map.
    func issueBody(groupID: String, update: Bool, _ t: Renderer) throws(NotifyError) -> [UInt8] {
        func field(_ what: String, _ text: String) throws(NotifyError) -> String {
            do { return try t(text) } catch { throw NotifyError.permanent("\(what) template: \(error.message)") }
        }
        var summary = try field("summary", settings.summary)
        let project = try field("project", settings.project)
        let issueType = try field("issue_type", settings.issueType)
        var custom: [String: JSONTree] = [:]
        for (k, v) in settings.fields {
            do { custom[k] = try v.rendered(t, reparse: settings.reparse) } catch {
                throw NotifyError.permanent("fields template: \(error.message)")
            }
        }
        let cutSummary = Truncate.runes(summary, Self.maxSummaryRunes)
        if cutSummary.truncated { logger.warning("Truncated summary", metadata: ["max_runes": "\(Self.maxSummaryRunes)"]) }
        summary = cutSummary.0
        let cutDescription = Truncate.runes(try field("description", settings.description), Self.maxDescriptionRunes)
        if cutDescription.truncated {
            logger.warning("Truncated description", metadata: ["max_runes": "\(Self.maxDescriptionRunes)"])
        }
        var description: JSONTree?
        if Self.isAPIv3(settings.apiURL) {
            let trimmed = cutDescription.0.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                guard let raw = JSONTree.compact(trimmed) else {
                    throw NotifyError.permanent("description template: invalid JSON for API v3")
                }
                description = .raw(raw)
            }
        } else if !cutDescription.0.isEmpty {
            description = .string(cutDescription.0)
        }
        var labels: [String] = []
        for (i, l) in settings.labels.enumerated() { labels.append(try field("labels[\(i)]", l)) }
        labels.append("ALERT{\(groupID)}")
        labels.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let priority = try field("priority", settings.priority)

        var fields: [String: JSONTree] = [
            "issuetype": .map(["name": .string(issueType)].filter { !$0.value.isEmptyString }),
            "labels": .list(labels.map(JSONTree.string)),
            "project": .map(["key": .string(project)]),
        ]
        if !(update && !settings.updateSummary) { fields["summary"] = .string(summary) }
        if let description, !(update && !settings.updateDescription) { fields["description"] = description }
        if !priority.isEmpty { fields["priority"] = .map(["name": .string(priority)]) }
        fields.merge(custom) { _, new in new }
        var w = GoJSONWriter(capacity: 1024)
        w.raw(#"{"fields":"#)
        JSONTree.map(fields).write(to: &w)
        w.raw("}\n")
        return w.bytes
    }

    static func isAPIv3(_ url: String) -> Bool {
        var path = URLComponents(string: url)?.percentEncodedPath ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        return path.hasSuffix("/3")
    }
}

/// The HTTP methods the Jira notifier uses, with Go's names.
enum HTTPMethodName: String {
    case POST, PUT
    var nio: HTTPMethod { self == .POST ? .POST : .PUT }
}

/// A JSON value as Go's `encoding/json` writes an `any` (maps with sorted keys).
package indirect enum JSONTree: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case list([JSONTree])
    case map([String: JSONTree])
    /// Already-compact JSON text, written as is (Jira API 3 descriptions).
    case raw([UInt8])

    var isEmptyString: Bool { self == .string("") }

    /// Templates every string and map key (Alertmanager's `DeepCopyWithTemplate`); a rendered
    /// string that reads as YAML other than a string becomes that value.
    func rendered(_ t: Renderer, reparse: (String) -> JSONTree?) throws(NotifyError) -> JSONTree {
        switch self {
        case .string(let s):
            let out = try t(s)
            return reparse(out) ?? .string(out)
        case .list(let l):
            var out: [JSONTree] = []
            for v in l { out.append(try v.rendered(t, reparse: reparse)) }
            return .list(out)
        case .map(let m):
            var out: [String: JSONTree] = [:]
            for (k, v) in m { out[try t(k)] = try v.rendered(t, reparse: reparse) }
            return .map(out)
        default:
            return self
        }
    }

    func write(to w: inout GoJSONWriter) {
        switch self {
        case .null: w.raw("null")
        case .bool(let b): w.raw(b ? "true" : "false")
        case .int(let i): w.bytes.append(contentsOf: String(i).utf8)
        case .float(let d): w.bytes.append(contentsOf: Self.goFloat(d).utf8)
        case .string(let s): w.string(s)
        case .raw(let r): w.bytes.append(contentsOf: r)
        case .list(let l):
            w.raw("[")
            for (i, v) in l.enumerated() {
                if i > 0 { w.raw(",") }
                v.write(to: &w)
            }
            w.raw("]")
        case .map(let m):
            w.raw("{")
            let keys = m.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (i, k) in keys.enumerated() {
                if i > 0 { w.raw(",") }
                w.string(k)
                w.raw(":")
                m[k]!.write(to: &w)
            }
            w.raw("}")
        }
    }

    /// Go's float64 JSON form for the usual range: shortest digits, no exponent, no `.0`.
    static func goFloat(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e21 { return String(Int64(d)) }
        return "\(d)"
    }

    /// Valid JSON compacted as Go's encoder writes a `json.RawMessage`: whitespace outside
    /// strings dropped, `<`, `>`, `&`, U+2028 and U+2029 in strings escaped. nil if not valid JSON.
    static func compact(_ text: String) -> [UInt8]? {
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else { return nil }
        var out: [UInt8] = []
        var inString = false, escaped = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false; out.append(b) }
                else if b == UInt8(ascii: "\\") { escaped = true; out.append(b) }
                else if b == UInt8(ascii: "\"") { inString = false; out.append(b) }
                else if b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") {
                    out.append(contentsOf: Array("\\u00".utf8) + Array(String(b, radix: 16).utf8))
                } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    out.append(contentsOf: Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    i += 2
                } else { out.append(b) }
            } else if b == UInt8(ascii: "\"") {
                inString = true
                out.append(b)
            } else if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
