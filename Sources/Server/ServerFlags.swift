import AlertCore
import ArgumentParser
import Foundation
import GoCompat

/// Alertmanager 0.25's command-line flags (plus the later ones users pass), so that
/// `tocsin` can replace `alertmanager` in an existing unit file or StatefulSet unchanged.
/// Durations here use Go's syntax (`120h`), as Alertmanager's flags do, and are parsed once,
/// when the flags are read (`DurationFlag`).
package struct ServerFlags: ParsableArguments, Sendable {
    package init() {}

    @Option(name: .customLong("config.file"), help: "Alertmanager configuration file name.")
    package var configFile = "alertmanager.yml"
    @Option(name: .customLong("storage.path"), help: "Base path for data storage.")
    package var storagePath = "data/"
    @Option(name: .customLong("data.retention"), help: "How long to keep data for.", transform: DurationFlag.parse)
    package var dataRetention = DurationFlag("120h")
    @Option(name: .customLong("history.retention"), help: "How long to keep the notification history; 0s turns it off (tocsin).", transform: DurationFlag.parse)
    package var historyRetention = DurationFlag("120h")
    @Option(name: .customLong("history.max-bytes"), help: "Size cap of the notification history's journal; the oldest records go first (tocsin).")
    package var historyMaxBytes = 64 << 20
    @Option(name: .customLong("data.maintenance-interval"), help: "Interval between garbage collection and snapshotting to disk of the silences and the notification logs.", transform: DurationFlag.parse)
    package var maintenanceInterval = DurationFlag("15m")
    @Option(name: .customLong("alerts.gc-interval"), help: "Interval between alert GC.", transform: DurationFlag.parse)
    package var alertsGCInterval = DurationFlag("30m")
    @Option(name: .customLong("alerts.per-alertname-limit"), help: "Maximum number of alerts per alertname. If negative or zero, no limit is set.")
    package var perAlertNameLimit = 0
    @Option(name: .customLong("dispatch.maintenance-interval"), help: "Interval between maintenance of aggregation groups in the dispatcher.", transform: DurationFlag.parse)
    package var dispatchMaintenanceInterval = DurationFlag("30s")
    @Option(name: .customLong("dispatch.start-delay"), help: "Minimum amount of time to wait before dispatching alerts. This option should be synced with value of --rules.alert.resend-delay on Prometheus.", transform: DurationFlag.parse)
    package var dispatchStartDelay = DurationFlag("0s")
    @Flag(name: .customLong("log.silences"), inversion: .prefixedNo, help: "Enable logging silences. If it is enabled, the status change of silence will be logged")
    package var logSilences = false
    @Option(name: .customLong("silences.max-silences"), help: "Maximum number of silences, including expired silences. If negative or zero, no limit is set.")
    package var maxSilences = 0
    @Option(name: .customLong("silences.max-silence-size-bytes"), help: "Maximum silence size in bytes. If negative or zero, no limit is set.")
    package var maxSilenceSizeBytes = 0

    @Option(name: .customLong("web.listen-address"), help: "Address to listen on for the web interface and API. Repeatable.")
    package var listenAddresses: [String] = []
    @Option(name: .customLong("web.config.file"), help: "[EXPERIMENTAL] Path to configuration file that can enable TLS or authentication.")
    package var webConfigFile = ""
    @Flag(name: .customLong("web.systemd-socket"), inversion: .prefixedNo, help: "Use systemd socket activation listeners instead of port listeners (Linux only).")
    package var systemdSocket = false
    @Option(name: .customLong("web.external-url"), help: "The URL under which Alertmanager is externally reachable.")
    package var externalURL = ""
    @Option(name: .customLong("web.route-prefix"), help: "Prefix for the internal routes of web endpoints. Defaults to path of --web.external-url.")
    package var routePrefix = ""
    @Option(name: .customLong("web.get-concurrency"), help: "Maximum number of GET requests processed concurrently. If negative or zero, the limit is GOMAXPROCS or 8, whichever is larger.")
    package var getConcurrency = 0
    @Option(name: .customLong("web.timeout"), help: "Timeout for HTTP requests. If negative or zero, no timeout is set.", transform: DurationFlag.parse)
    package var webTimeout = DurationFlag("0")
    @Option(name: .customLong("web.max-regex-program-size"), help: "Largest regex, in compiled instructions, of a matcher in filter= or a posted silence (tocsin).")
    package var maxRegexProgramSize = 10_000
    @Option(name: .customLong("web.max-request-body-bytes"), help: "Largest request body accepted by POST /api/v2/alerts and /silences; larger ones get 413 (tocsin).")
    package var maxRequestBodyBytes = 32 << 20

    @Option(name: .customLong("alerts.max-alerts-per-request"), help: "Alerts one POST /api/v2/alerts may carry; 0 means no limit (tocsin).")
    package var maxAlertsPerRequest = 10_000
    @Option(name: .customLong("alerts.max-labels-per-alert"), help: "Labels one posted alert may have; 0 means no limit (tocsin).")
    package var maxLabelsPerAlert = 1_000
    @Option(name: .customLong("alerts.max-label-name-bytes"), help: "Bytes of a posted alert's label name; 0 means no limit (tocsin).")
    package var maxLabelNameBytes = 1_024
    @Option(name: .customLong("alerts.max-label-value-bytes"), help: "Bytes of a posted alert's label value; 0 means no limit (tocsin).")
    package var maxLabelValueBytes = 65_536
    @Option(name: .customLong("alerts.max-alerts"), help: "Alerts the store holds; a posted alert that would be one more is refused, updates are not; 0 means no limit (tocsin).")
    package var maxAlerts = 1_000_000

    @Option(name: .customLong("cluster.listen-address"), help: "Listen address for cluster. Set to empty string to disable HA mode.")
    package var clusterListenAddress = "0.0.0.0:9094"
    @Option(name: .customLong("cluster.advertise-address"), help: "Explicit address to advertise in cluster.")
    package var clusterAdvertiseAddress = ""
    @Option(name: .customLong("cluster.peer-name"), help: "Explicit name of the peer, rather than generating a random one")
    package var clusterPeerName = ""
    @Option(name: .customLong("cluster.peers-resolve-timeout"), help: "Time to resolve peers (accepted; Tocsin resolves each peer name once, with the system resolver's own timeout).", transform: DurationFlag.parse)
    package var peersResolveTimeout = DurationFlag("15s")
    @Option(name: .customLong("cluster.peer"), help: "Initial peers (may be repeated).")
    package var clusterPeers: [String] = []
    @Option(name: .customLong("cluster.peer-timeout"), help: "Time to wait between peers to send notifications.", transform: DurationFlag.parse)
    package var peerTimeout = DurationFlag("15s")
    @Option(name: .customLong("cluster.gossip-interval"), help: "Interval between sending gossip messages.", transform: DurationFlag.parse)
    package var gossipInterval = DurationFlag("200ms")
    @Option(name: .customLong("cluster.pushpull-interval"), help: "Interval for gossip state syncs.", transform: DurationFlag.parse)
    package var pushPullInterval = DurationFlag("1m0s")
    @Option(name: .customLong("cluster.tcp-timeout"), help: "Timeout for establishing a stream connection with a remote node for a full state sync, and for stream read and write operations.", transform: DurationFlag.parse)
    package var tcpTimeout = DurationFlag("10s")
    @Option(name: .customLong("cluster.probe-timeout"), help: "Timeout to wait for an ack from a probed node before assuming it is unhealthy.", transform: DurationFlag.parse)
    package var probeTimeout = DurationFlag("500ms")
    @Option(name: .customLong("cluster.probe-interval"), help: "Interval between random node probes.", transform: DurationFlag.parse)
    package var probeInterval = DurationFlag("1s")
    @Option(name: .customLong("cluster.settle-timeout"), help: "Maximum time to wait for cluster connections to settle before evaluating notifications.", transform: DurationFlag.parse)
    package var settleTimeout = DurationFlag("1m0s")
    @Option(name: .customLong("cluster.reconnect-interval"), help: "Interval between attempting to reconnect to lost peers.", transform: DurationFlag.parse)
    package var reconnectInterval = DurationFlag("10s")
    @Option(name: .customLong("cluster.reconnect-timeout"), help: "Length of time to attempt to reconnect to a lost peer.", transform: DurationFlag.parse)
    package var reconnectTimeout = DurationFlag("6h0m0s")
    @Option(name: .customLong("cluster.tls-config"), help: "[EXPERIMENTAL] Path to config yaml file that can enable mutual TLS within the gossip protocol.")
    package var clusterTLSConfig = ""
    @Flag(name: .customLong("cluster.allow-insecure-public-advertise-address-discovery"), inversion: .prefixedNo, help: "[EXPERIMENTAL] Allow alertmanager to discover and listen on a public IP address.")
    package var allowInsecurePublicAdvertise = false
    @Option(name: .customLong("cluster.label"), help: "The cluster label is an optional string to include on each packet and stream.")
    package var clusterLabel = ""
    @Option(name: .customLong("cluster.api-http-config.file"), help: "HTTP client configuration (the http_config keys of tocsinctl's --http.config.file: TLS, basic auth, authorization) this node uses to call its peers' API for the cluster-wide notification history (tocsin).")
    package var clusterAPIHTTPConfigFile = ""
    @Option(name: .customLong("cluster.max-stream-bytes"), help: "Bytes of one inbound gossip stream message as sent (tocsin).")
    package var maxStreamBytes = 32 << 20
    @Option(name: .customLong("cluster.max-stream-decompressed-bytes"), help: "Bytes a compressed inbound gossip stream message may expand to (tocsin).")
    package var maxStreamDecompressedBytes = 64 << 20
    @Option(name: .customLong("cluster.max-pushpull-nodes"), help: "Nodes one inbound push-pull may list (tocsin).")
    package var maxPushPullNodes = 4_096
    @Option(name: .customLong("cluster.max-inbound-streams"), help: "Inbound gossip TCP connections handled at once; more are closed unread (tocsin).")
    package var maxInboundStreams = 32

    @Option(name: .customLong("log.level"), help: "Only log messages with the given severity or above. One of: [debug, info, warn, error]")
    package var logLevel = "info"
    @Option(name: .customLong("log.format"), help: "Output format of log messages. One of: [logfmt, json]")
    package var logFormat = "logfmt"
    @Option(name: .customLong("enable-feature"), help: "Comma-separated experimental features to enable. Valid options: \(FeatureFlags.allowed.joined(separator: ", "))")
    package var enableFeature: [String] = []
    @Option(name: .customLong("auto-gomemlimit.ratio"), help: "The ratio of reserved GOMEMLIMIT memory to the detected maximum container or system memory. The value must be greater than 0 and less than or equal to 1. (Go runtime only: accepted, no effect in Tocsin.)")
    package var autoGoMemLimitRatio = 0.9

    /// The listen addresses, defaulting to Alertmanager's `:9093`.
    package var webListenAddresses: [String] { listenAddresses.isEmpty ? [":9093"] : listenAddresses }

    /// The `--enable-feature` names, checked as Alertmanager checks them (see `FeatureFlags`).
    package var features: Set<String> { (try? FeatureFlags(enableFeature).enabled) ?? [] }

    package mutating func validate() throws {
        guard ["debug", "info", "warn", "error"].contains(logLevel) else {
            throw ValidationError("unrecognized log level \(logLevel)")
        }
        guard ["logfmt", "json"].contains(logFormat) else {
            throw ValidationError("unrecognized log format \(logFormat)")
        }
        let positive = [("web.max-request-body-bytes", maxRequestBodyBytes), ("web.max-regex-program-size", maxRegexProgramSize),
                        ("cluster.max-stream-bytes", maxStreamBytes),
                        ("cluster.max-stream-decompressed-bytes", maxStreamDecompressedBytes),
                        ("cluster.max-pushpull-nodes", maxPushPullNodes), ("cluster.max-inbound-streams", maxInboundStreams)]
        for (name, value) in positive where value <= 0 {
            throw ValidationError("--\(name) must be positive, got \(value)")
        }
    }
}
