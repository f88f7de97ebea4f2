import AlertCore
import Foundation
import GoCompat

/// Alertmanager API v2 models as amtool 0.25 (go-openapi) reads and re-encodes them. Field order
/// in `json` is the Go struct order, so `-o json` prints byte for byte what amtool prints.
public struct APIMatcher: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public var isRegex: Bool
    /// Optional: old servers omit it; absent means `true`.
    public var isEqual: Bool?

    public init(name: String, value: String, isRegex: Bool, isEqual: Bool?) {
        self.name = name
        self.value = value
        self.isRegex = isRegex
        self.isEqual = isEqual
    }

    /// From a parsed matcher (amtool's `TypeMatcher`).
    public init(_ m: Matcher) {
        self.init(name: m.name, value: m.value, isRegex: m.isRegex, isEqual: !m.isNegative)
    }

    /// `name<op>"value"` (amtool's `labelsMatcher(m).String()`).
    public var display: String {
        let type: MatchType
        switch (isRegex, isEqual ?? true) {
        case (false, true): type = .equal
        case (false, false): type = .notEqual
        case (true, true): type = .regexp
        case (true, false): type = .notRegexp
        }
        return Matcher.format(name: name, type: type, value: value)
    }

    var json: GoJSON {
        var o: [(String, GoJSON)] = []
        if let isEqual { o.append(("isEqual", .bool(isEqual))) }
        o += [("isRegex", .bool(isRegex)), ("name", .string(name)), ("value", .string(value))]
        return .object(o)
    }
}

/// A `GoTime` read from and written as the API's date-time string.
struct APITime: Codable {
    var time: GoTime
    init(_ t: GoTime) { time = t }
    init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        do { time = try GoTime.parseRFC3339(s) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(time.rfc3339Millis)
    }
}

/// `gettableSilence` (and, with `id` optional, `postableSilence` as `silence import` reads it).
public struct APISilence: Codable, Sendable {
    public var id: String?
    public var state: String?
    public var updatedAt: GoTime?
    public var comment: String
    public var createdBy: String
    public var endsAt: GoTime
    public var matchers: [APIMatcher]
    public var startsAt: GoTime

    public init(id: String? = nil, comment: String, createdBy: String, startsAt: GoTime, endsAt: GoTime,
                matchers: [APIMatcher]) {
        self.id = id
        self.comment = comment
        self.createdBy = createdBy
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.matchers = matchers
    }

    enum Keys: String, CodingKey { case id, status, updatedAt, comment, createdBy, endsAt, matchers, startsAt }
    struct Status: Codable { var state: String? }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        state = try c.decodeIfPresent(Status.self, forKey: .status)?.state
        updatedAt = try c.decodeIfPresent(APITime.self, forKey: .updatedAt)?.time
        comment = try c.decodeIfPresent(String.self, forKey: .comment) ?? ""
        createdBy = try c.decodeIfPresent(String.self, forKey: .createdBy) ?? ""
        endsAt = try c.decodeIfPresent(APITime.self, forKey: .endsAt)?.time ?? .zero
        matchers = try c.decodeIfPresent([APIMatcher].self, forKey: .matchers) ?? []
        startsAt = try c.decodeIfPresent(APITime.self, forKey: .startsAt)?.time ?? .zero
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(id.flatMap { $0.isEmpty ? nil : $0 }, forKey: .id)
        try c.encode(comment, forKey: .comment)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(APITime(endsAt), forKey: .endsAt)
        try c.encode(matchers, forKey: .matchers)
        try c.encode(APITime(startsAt), forKey: .startsAt)
    }

    /// amtool's JSON for a `GettableSilence`.
    public var json: GoJSON {
        .object([
            ("id", .string(id ?? "")),
            ("status", .object([("state", .string(state ?? ""))])),
            ("updatedAt", .string((updatedAt ?? .zero).rfc3339Millis)),
            ("comment", .string(comment)), ("createdBy", .string(createdBy)),
            ("endsAt", .string(endsAt.rfc3339Millis)), ("matchers", .array(matchers.map(\.json))),
            ("startsAt", .string(startsAt.rfc3339Millis)),
        ])
    }
}

/// `gettableAlert`.
public struct APIAlert: Decodable, Sendable {
    public var annotations: [String: String]?
    public var endsAt: GoTime
    public var fingerprint: String
    public var receivers: [String]
    public var startsAt: GoTime
    public var inhibitedBy: [String]
    public var silencedBy: [String]
    public var state: String
    public var updatedAt: GoTime
    public var generatorURL: String
    public var labels: [String: String]

    enum Keys: String, CodingKey {
        case annotations, endsAt, fingerprint, receivers, startsAt, status, updatedAt, generatorURL, labels
    }
    struct Receiver: Decodable { var name: String? }
    struct Status: Decodable { var inhibitedBy: [String]?; var silencedBy: [String]?; var state: String? }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations)
        endsAt = try c.decodeIfPresent(APITime.self, forKey: .endsAt)?.time ?? .zero
        fingerprint = try c.decodeIfPresent(String.self, forKey: .fingerprint) ?? ""
        receivers = try (c.decodeIfPresent([Receiver].self, forKey: .receivers) ?? []).map { $0.name ?? "" }
        startsAt = try c.decodeIfPresent(APITime.self, forKey: .startsAt)?.time ?? .zero
        let st = try c.decodeIfPresent(Status.self, forKey: .status)
        inhibitedBy = st?.inhibitedBy ?? []
        silencedBy = st?.silencedBy ?? []
        state = st?.state ?? ""
        updatedAt = try c.decodeIfPresent(APITime.self, forKey: .updatedAt)?.time ?? .zero
        generatorURL = try c.decodeIfPresent(String.self, forKey: .generatorURL) ?? ""
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    }

    public var json: GoJSON {
        var o: [(String, GoJSON)] = [
            ("annotations", .stringMap(annotations)), ("endsAt", .string(endsAt.rfc3339Millis)),
            ("fingerprint", .string(fingerprint)),
            ("receivers", .array(receivers.map { .object([("name", .string($0))]) })),
            ("startsAt", .string(startsAt.rfc3339Millis)),
            ("status", .object([("inhibitedBy", .array(inhibitedBy.map(GoJSON.string))),
                                ("silencedBy", .array(silencedBy.map(GoJSON.string))), ("state", .string(state))])),
            ("updatedAt", .string(updatedAt.rfc3339Millis)),
        ]
        if !generatorURL.isEmpty { o.append(("generatorURL", .string(generatorURL))) }
        o.append(("labels", .stringMap(labels)))
        return .object(o)
    }
}

/// `alertmanagerStatus` and its parts.
public struct APIStatus: Decodable, Sendable {
    public struct Peer: Decodable, Sendable { public var address: String; public var name: String }
    public struct Cluster: Decodable, Sendable {
        public var name: String?
        public var peers: [Peer]
        public var status: String

        public var json: GoJSON {
            var o: [(String, GoJSON)] = []
            if let name, !name.isEmpty { o.append(("name", .string(name))) }
            o.append(("peers", .array(peers.map { .object([("address", .string($0.address)), ("name", .string($0.name))]) })))
            o.append(("status", .string(status)))
            return .object(o)
        }
    }
    public struct VersionInfo: Decodable, Sendable {
        public var branch, buildDate, buildUser, goVersion, revision, version: String
    }
    struct ConfigBody: Decodable { var original: String }

    public var cluster: Cluster
    public var configOriginal: String
    public var uptime: GoTime
    public var versionInfo: VersionInfo

    enum Keys: String, CodingKey { case cluster, config, uptime, versionInfo }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        cluster = try c.decode(Cluster.self, forKey: .cluster)
        configOriginal = try c.decode(ConfigBody.self, forKey: .config).original
        uptime = try c.decode(APITime.self, forKey: .uptime).time
        versionInfo = try c.decode(VersionInfo.self, forKey: .versionInfo)
    }

    public var json: GoJSON {
        let v = versionInfo
        return .object([
            ("cluster", cluster.json), ("config", .object([("original", .string(configOriginal))])),
            ("uptime", .string(uptime.rfc3339Millis)),
            ("versionInfo", .object([("branch", .string(v.branch)), ("buildDate", .string(v.buildDate)),
                                     ("buildUser", .string(v.buildUser)), ("goVersion", .string(v.goVersion)),
                                     ("revision", .string(v.revision)), ("version", .string(v.version))])),
        ])
    }
}

/// `postableAlert` as amtool sends it (zero times included, empty URL/annotations omitted).
struct PostableAlert: Encodable {
    var labels: [String: String]
    var annotations: [String: String]
    var startsAt: GoTime
    var endsAt: GoTime
    var generatorURL: String

    enum Keys: String, CodingKey { case labels, annotations, startsAt, endsAt, generatorURL }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(labels, forKey: .labels)
        if !annotations.isEmpty { try c.encode(annotations, forKey: .annotations) }
        try c.encode(APITime(startsAt), forKey: .startsAt)
        try c.encode(APITime(endsAt), forKey: .endsAt)
        if !generatorURL.isEmpty { try c.encode(generatorURL, forKey: .generatorURL) }
    }
}
