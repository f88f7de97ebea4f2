import GoCompat

/// An alert as `GET /alerts` lists it (`gettableAlert`), read by `tocsinctl alert query`.
/// Times keep the offset they were written with.
package struct GettableAlert: Sendable, Equatable {
    package var annotations: [String: String]?
    package var endsAt: GoTime
    package var fingerprint: String
    package var receivers: [String]
    package var startsAt: GoTime
    package var inhibitedBy: [String]
    package var silencedBy: [String]
    package var state: String
    package var updatedAt: GoTime
    package var generatorURL: String
    package var labels: [String: String]

    init(json v: JSONValue) throws(JSONError) {
        let f = try JSONFields(v, goType: "models.GettableAlert")
        annotations = try f.stringMap("annotations")
        endsAt = try f.time("endsAt") ?? .zero
        fingerprint = try f.string("fingerprint") ?? ""
        receivers = []
        for r in try f.array("receivers", of: "[]*models.Receiver") ?? [] {
            receivers.append(try JSONFields(r, goType: "models.Receiver").string("name") ?? "")
        }
        startsAt = try f.time("startsAt") ?? .zero
        let status = try JSONFields(try f.object("status", of: "models.AlertStatus") ?? .null, goType: "models.AlertStatus")
        inhibitedBy = try status.strings("inhibitedBy") ?? []
        silencedBy = try status.strings("silencedBy") ?? []
        state = try status.string("state") ?? ""
        updatedAt = try f.time("updatedAt") ?? .zero
        generatorURL = try f.string("generatorURL") ?? ""
        labels = try f.stringMap("labels") ?? [:]
    }

    /// `GET /alerts`' answer.
    package static func decodeList(_ body: [UInt8]) throws(JSONError) -> [GettableAlert] {
        try JSONValue.documentArray(body, goType: "models.GettableAlerts", GettableAlert.init(json:))
    }
}

extension JSONWriter {
    /// A `gettableAlert` as go-openapi marshals it (amtool's `-o json`).
    package mutating func gettableAlert(_ a: GettableAlert) {
        raw("{\"annotations\":")
        stringMap(a.annotations)
        raw(",\"endsAt\":")
        rfc3339(a.endsAt, fraction: .milliseconds)
        raw(",\"fingerprint\":")
        string(a.fingerprint)
        raw(",\"receivers\":")
        receiverList(a.receivers)
        raw(",\"startsAt\":")
        rfc3339(a.startsAt, fraction: .milliseconds)
        raw(",\"status\":{\"inhibitedBy\":")
        stringArray(a.inhibitedBy)
        raw(",\"silencedBy\":")
        stringArray(a.silencedBy)
        raw(",\"state\":")
        string(a.state)
        raw("},\"updatedAt\":")
        rfc3339(a.updatedAt, fraction: .milliseconds)
        if !a.generatorURL.isEmpty {
            raw(",\"generatorURL\":")
            string(a.generatorURL)
        }
        raw(",\"labels\":")
        stringMap(a.labels)
        raw(UInt8(ascii: "}"))
    }

    /// A one-alert `postableAlerts` body as amtool's `alert add` sends it: go-openapi's field
    /// order, Go's zero time for unset times, empty annotations and URL omitted.
    package mutating func postableAlerts(labels: [String: String], annotations: [String: String], startsAt: GoTime,
                                         endsAt: GoTime, generatorURL: String) {
        raw(UInt8(ascii: "["))
        raw(UInt8(ascii: "{"))
        if !annotations.isEmpty {
            raw("\"annotations\":")
            stringMap(annotations)
            raw(UInt8(ascii: ","))
        }
        raw("\"endsAt\":")
        rfc3339(endsAt, fraction: .milliseconds)
        raw(",\"startsAt\":")
        rfc3339(startsAt, fraction: .milliseconds)
        if !generatorURL.isEmpty {
            raw(",\"generatorURL\":")
            string(generatorURL)
        }
        raw(",\"labels\":")
        stringMap(labels)
        raw("}]")
    }
}
