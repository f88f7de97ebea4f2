import GoCompat

/// A silence as the API lists it (`gettableSilence`), and as `silence import` reads it
/// (where `id` may be absent). Times keep the offset they were written with, as amtool's
/// go-openapi models do, so that `-o json` prints back what the server sent.
package struct GettableSilence: Sendable, Equatable {
    package var id: String?
    package var state: String?
    package var updatedAt: GoTime?
    package var comment: String
    package var createdBy: String
    package var startsAt: GoTime
    package var endsAt: GoTime
    package var matchers: [APIMatcher]
    /// 0.32+'s silence annotations; empty when absent (and then not written).
    package var annotations: [String: String] = [:]

    package init(id: String? = nil, comment: String, createdBy: String, startsAt: GoTime, endsAt: GoTime,
                 matchers: [APIMatcher]) {
        self.id = id
        self.comment = comment
        self.createdBy = createdBy
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.matchers = matchers
    }

    init(json v: JSONValue) throws(JSONError) {
        let f = try JSONFields(v, goType: "models.GettableSilence")
        self.init(id: try f.string("id"), comment: try f.string("comment") ?? "",
                  createdBy: try f.string("createdBy") ?? "", startsAt: try f.time("startsAt") ?? .zero,
                  endsAt: try f.time("endsAt") ?? .zero, matchers: [])
        for m in try f.array("matchers", of: "models.Matchers") ?? [] { matchers.append(try APIMatcher(json: m)) }
        if case .object(let members)? = v.member("annotations") {
            for (k, value) in members { if case .string(let s) = value { annotations[k] = s } }
        }
        if let status = try f.object("status", of: "models.SilenceStatus") {
            state = try JSONFields(status, goType: "models.SilenceStatus").string("state")
        }
        updatedAt = try f.time("updatedAt")
    }

    /// `GET /silence/{id}`'s answer.
    package static func decode(_ body: [UInt8]) throws(JSONError) -> GettableSilence {
        try GettableSilence(json: try JSONValue.document(body))
    }

    /// `GET /silences`' answer, or a file of silences to import: a JSON array.
    package static func decodeList(_ body: [UInt8]) throws(JSONError) -> [GettableSilence] {
        try JSONValue.documentArray(body, goType: "models.GettableSilences", GettableSilence.init(json:))
    }
}

extension JSONWriter {
    /// A `gettableSilence` as go-openapi marshals it (amtool's `-o json`).
    package mutating func gettableSilence(_ s: GettableSilence) {
        raw("{\"id\":")
        string(s.id ?? "")
        raw(",\"status\":{\"state\":")
        string(s.state ?? "")
        raw("},\"updatedAt\":")
        rfc3339(s.updatedAt ?? .zero, fraction: .milliseconds)
        raw(UInt8(ascii: ","))
        silenceFields(s)
        raw(UInt8(ascii: "}"))
    }

    /// A `postableSilence` body: `id` only when updating one.
    package mutating func postableSilence(_ s: GettableSilence) {
        raw(UInt8(ascii: "{"))
        if let id = s.id, !id.isEmpty {
            raw("\"id\":")
            string(id)
            raw(UInt8(ascii: ","))
        }
        silenceFields(s)
        raw(UInt8(ascii: "}"))
    }

    /// The fields of `models.Silence`, in its order.
    private mutating func silenceFields(_ s: GettableSilence) {
        if !s.annotations.isEmpty {
            raw("\"annotations\":{")
            for (i, k) in s.annotations.keys.sorted().enumerated() {
                if i > 0 { raw(UInt8(ascii: ",")) }
                string(k)
                raw(UInt8(ascii: ":"))
                string(s.annotations[k] ?? "")
            }
            raw("},")
        }
        raw("\"comment\":")
        string(s.comment)
        raw(",\"createdBy\":")
        string(s.createdBy)
        raw(",\"endsAt\":")
        rfc3339(s.endsAt, fraction: .milliseconds)
        raw(",\"matchers\":")
        array(s.matchers) { $0.matcher($1) }
        raw(",\"startsAt\":")
        rfc3339(s.startsAt, fraction: .milliseconds)
    }
}
