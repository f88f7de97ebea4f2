// swift-tools-version: 6.1
// Tocsin: an HA alert manager cluster, drop-in for Prometheus Alertmanager 0.25.
// Modules are layered: docs/ARCHITECTURE.md has the module map (a module imports only lower
// layers), which Tests/interop/test_module_map.py checks against this file.
import PackageDescription

let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")
let metricsTestKit: Target.Dependency = .product(name: "MetricsTestKit", package: "swift-metrics")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "Tocsin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tocsin", targets: ["tocsin"]),
        .executable(name: "tocsinctl", targets: ["tocsinctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        // Layers 0-2: leaves, the core, the mesh model, SMTP (the protocol pure; no I/O but SMTP's).
        .target(name: "GoCompat"),
        .target(name: "GoRegex"),
        .target(name: "AlertCore", dependencies: ["GoCompat", "GoRegex"]),
        .target(name: "TimeIntervals", dependencies: ["GoCompat"]),
        .target(name: "History", dependencies: ["GoCompat", "Wire", metrics]),
        .target(name: "Wire", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "Mesh", dependencies: ["Wire", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "SMTPProtocol", dependencies: ["AlertCore"]),
        .target(name: "SMTP", dependencies: [
            "AlertCore", "SMTPProtocol",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            logging,
        ]),
        // Layer 2: config, templates, the stores and the API model.
        .target(name: "APIModel", dependencies: ["AlertCore", "GoCompat", "GoRegex"]),
        .target(name: "Config", dependencies: [
            "AlertCore", "GoCompat", "GoRegex", "TimeIntervals", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Templating", dependencies: ["GoCompat", "GoRegex"]),
        .target(name: "AlertStore", dependencies: [
            "AlertCore", metrics, .product(name: "HeapModule", package: "swift-collections"),
        ]),
        .target(name: "NotificationLog", dependencies: [
            "AlertCore", "Wire", metrics, .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        .target(name: "Silences", dependencies: ["AlertCore", "GoCompat", "GoRegex", "Wire", metrics]),
        .target(name: "Inhibition", dependencies: ["AlertCore", metrics]),
        // Layer 3: the alert flow.
        .target(name: "AlertDispatch", dependencies: [
            "AlertCore", metrics, .product(name: "HeapModule", package: "swift-collections"),
        ]),
        .target(name: "Notify", dependencies: ["AlertCore", "History", "NotificationLog", "TimeIntervals", metrics, logging]),
        // Adapts the stores to the mesh's ReplicatedState (stores never import the mesh).
        .target(name: "Replication", dependencies: ["AlertCore", "Mesh", "Silences", "NotificationLog", "Wire"]),
        // Layer 4: the edges.
        .target(name: "Notifiers", dependencies: [
            "AlertCore", "Config", "GoCompat", "Notify", "Templating", "SMTP", "SMTPProtocol", metrics, logging,
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            // SHA-256 of group keys (dedup keys), HMAC-SHA256 for SNS's SigV4.
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "MeshTransport", dependencies: [
            "AlertCore", "Mesh", "Wire", logging,
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            // The TLS transport of --cluster.tls-config.
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "HTTPAPI", dependencies: [
            "AlertCore", "APIModel", "GoCompat", "GoRegex", "AlertStore", "History", "Silences", metrics, logging,
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // Layer 5: assembly.
        .target(name: "Server", dependencies: [
            "AlertCore", "APIModel", "GoCompat", "Config", "AlertStore", "AlertDispatch", "History", "Notify", "NotificationLog",
            "Notifiers", "HTTPAPI", "TimeIntervals", "Silences", "Inhibition", "Mesh", "MeshTransport", "Wire",
            "SMTP", "Templating", "Replication",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdHTTP2", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            // The history's fan-out to the peers' API.
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            // client_allowed_sans: the client chain verified and its SANs read.
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .target(name: "CLI", dependencies: [
            "AlertCore", "AlertDispatch", "APIModel", "GoCompat", "Config", "History", "Notifiers", "Notify", "Templating",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // Layer 6: executables.
        .executableTarget(name: "tocsin", dependencies: ["Server"]),
        .executableTarget(name: "tocsinctl", dependencies: ["CLI"]),
        // Fuzzing (scripts/fuzz): every decoder of untrusted bytes as a target; the executable is
        // a libFuzzer binary when built with -sanitize=fuzzer -DFUZZING, a corpus replayer otherwise.
        .target(name: "FuzzTargets", dependencies: [
            "AlertCore", "APIModel", "Config", "GoCompat", "GoRegex", "Mesh", "NotificationLog", "Replication",
            "Silences", "SMTPProtocol", "Templating", "Wire",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        .executableTarget(name: "tocsin-fuzz", dependencies: ["FuzzTargets"]),
        // Tests.
        .target(name: "TestKit", dependencies: ["AlertCore", "Mesh"], path: "Tests/TestKit"),
        .testTarget(name: "GoCompatTests", dependencies: ["GoCompat"]),
        .testTarget(name: "GoRegexTests", dependencies: ["GoCompat", "GoRegex"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AlertCoreTests", dependencies: ["AlertCore", "TestKit"]),
        .testTarget(name: "TimeIntervalsTests", dependencies: ["TimeIntervals"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", metricsTestKit]),
        .testTarget(name: "TemplatingTests", dependencies: ["GoCompat", "Templating"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WireTests", dependencies: ["TestKit", "Wire"]),
        .testTarget(name: "MeshTests", dependencies: ["Mesh", "Wire", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .testTarget(name: "MeshTransportTests", dependencies: [
            "MeshTransport", "Mesh", "Wire", logging, .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "ConfigTests", dependencies: ["AlertCore", "AlertDispatch", "Config", "GoCompat", "TestKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AlertStoreTests", dependencies: ["AlertStore", "TestKit"]),
        .testTarget(name: "SilencesTests", dependencies: ["AlertStore", "Silences", "TestKit", "Wire"]),
        .testTarget(name: "InhibitionTests", dependencies: ["AlertStore", "Inhibition", "TestKit"]),
        .testTarget(name: "NotificationLogTests", dependencies: [
            "NotificationLog", "TestKit", "Wire", .product(name: "SwiftProtobuf", package: "swift-protobuf"), metricsTestKit,
        ]),
        .testTarget(name: "AlertDispatchTests", dependencies: [
            "AlertDispatch", "TestKit", metricsTestKit,
        ]),
        .testTarget(name: "NotifyTests", dependencies: ["AlertStore", "History", "Notify", "TestKit", "TimeIntervals", "NotificationLog", metricsTestKit]),
        .testTarget(name: "SMTPTests", dependencies: ["AlertCore", "SMTP", "SMTPProtocol", "TestKit", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(name: "NotifiersTests", dependencies: [
            "AlertStore", "GoCompat", "Notifiers", "Notify", "NotificationLog", "SMTP", "Templating", "TestKit", metricsTestKit,
        ]),
        .testTarget(name: "HTTPAPITests", dependencies: [
            "GoCompat", "HTTPAPI", "History", "APIModel", "TestKit", "Silences", .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .testTarget(name: "ServerTests", dependencies: [
            "AlertStore", "Server", "Silences", "TestKit", logging, .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "APIModel", "GoCompat", "Notifiers", "TestKit"]),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
