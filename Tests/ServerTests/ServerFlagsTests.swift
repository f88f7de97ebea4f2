import AlertDispatch
import Config
@testable import Server
import XCTest

final class ServerFlagsTests: XCTestCase {
    func test_defaults_matchAlertmanager() throws {
        let f = try ServerFlags.parse([])
        XCTAssertEqual(f.configFile, "alertmanager.yml")
        XCTAssertEqual(f.storagePath, "data/")
        XCTAssertEqual(f.webListenAddresses, [":9093"])
        XCTAssertEqual(f.clusterListenAddress, "0.0.0.0:9094")
        XCTAssertEqual(f.dataRetention.value, .seconds(120 * 3600))
        XCTAssertEqual(f.peerTimeout.value, .seconds(15))
        XCTAssertEqual(f.settleTimeout.value, .seconds(60))
        XCTAssertEqual(f.gossipInterval.value, .milliseconds(200))
        XCTAssertEqual(f.webTimeout.value, .zero)
    }

    func test_emptyValueWithEquals_disablesCluster() throws {
        let args = TocsinCommand.normalizedArguments(["--cluster.listen-address=", "--web.listen-address=:9000"])
        XCTAssertEqual(args, ["--cluster.listen-address", "", "--web.listen-address=:9000"])
        let f = try ServerFlags.parse(args)
        XCTAssertEqual(f.clusterListenAddress, "")
        XCTAssertEqual(f.webListenAddresses, [":9000"])
    }

    func test_repeatedPeersAndFeatures_collected() throws {
        let f = try ServerFlags.parse(["--cluster.peer=a:9094", "--cluster.peer", "b:9094",
                                       "--enable-feature=classic-mode,auto-gomemlimit", "--enable-feature=group-key-in-metrics"])
        XCTAssertEqual(f.clusterPeers, ["a:9094", "b:9094"])
        XCTAssertEqual(f.features, ["classic-mode", "auto-gomemlimit", "group-key-in-metrics"])
    }

    func test_defaults_of034Flags_matchAlertmanager034() throws {
        let f = try ServerFlags.parse([])
        XCTAssertEqual(f.perAlertNameLimit, 0)
        XCTAssertEqual(f.dispatchMaintenanceInterval.value, .seconds(30))
        XCTAssertEqual(f.dispatchStartDelay.value, .zero)
        XCTAssertFalse(f.logSilences)
        XCTAssertEqual(f.clusterPeerName, "")
        XCTAssertEqual(f.peersResolveTimeout.value, .seconds(15))
        XCTAssertEqual(f.autoGoMemLimitRatio, 0.9)
        XCTAssertEqual(f.clusterLabel, "")
    }

    func test_featureFlags_unknownOrEmptyName_refusedWithAlertmanagerText() {
        XCTAssertThrowsError(try FeatureFlags(["classic-mode,nope"])) { e in
            XCTAssertEqual("\(e)", "unknown option 'nope' for --enable-feature")
        }
        XCTAssertThrowsError(try FeatureFlags(["classic-mode,"])) { e in
            XCTAssertEqual("\(e)", "unknown option '' for --enable-feature")
        }
        XCTAssertThrowsError(try FeatureFlags(["classic-mode,utf8-strict-mode"])) { e in
            XCTAssertEqual("\(e)", "cannot have both classic and UTF-8 modes enabled")
        }
        XCTAssertEqual(try FeatureFlags([""]).names, [], "an empty value enables nothing, as upstream's default")
        XCTAssertEqual(try FeatureFlags(FeatureFlags.allowed.filter { $0 != FeatureFlags.classicMode }).names.count, 6)
    }

    func test_badDuration_rejectedWithGoText() {
        XCTAssertThrowsError(try ServerFlags.parse(["--data.retention=5d"])) { error in
            XCTAssertTrue(ServerFlags.message(for: error).contains(#"time: unknown unit "d" in duration "5d""#),
                          ServerFlags.message(for: error))
        }
    }

    func test_peerTimeout_parsedOnceAsDuration() throws {
        let f = try ServerFlags.parse(["--cluster.peer-timeout=1m30.5s", "--cluster.probe-interval=750ms"])
        XCTAssertEqual(f.peerTimeout.value, .milliseconds(90_500))
        XCTAssertEqual(f.peerTimeout.description, "1m30.5s")
        XCTAssertEqual(f.probeInterval.value, .milliseconds(750))
        XCTAssertThrowsError(try ServerFlags.parse(["--cluster.peer-timeout=15"])) { error in
            XCTAssertTrue(ServerFlags.message(for: error).contains(#"time: missing unit in duration "15""#),
                          ServerFlags.message(for: error))
        }
    }

    func test_badLogLevel_rejected() {
        XCTAssertThrowsError(try ServerFlags.parse(["--log.level=verbose"]))
    }
}

final class WebSettingsTests: XCTestCase {
    func test_externalURL_trailingSlashTrimmed_prefixFromPath() throws {
        let w = try WebSettings(flags: ServerFlags.parse(["--web.external-url=http://am.example.com/alerts/"]))
        XCTAssertEqual(w.externalURL, "http://am.example.com/alerts")
        XCTAssertEqual(w.routePrefix, "/alerts")
    }

    func test_routePrefix_explicit_normalised() throws {
        let w = try WebSettings(flags: ServerFlags.parse(["--web.external-url=http://x:9093", "--web.route-prefix=foo/"]))
        XCTAssertEqual(w.routePrefix, "/foo")
        XCTAssertEqual(try WebSettings(flags: ServerFlags.parse(["--web.external-url=http://x:9093"])).routePrefix, "/")
    }

    func test_externalURL_badScheme_fails() {
        XCTAssertThrowsError(try WebSettings(flags: ServerFlags.parse(["--web.external-url=ftp://x"])))
    }

    func test_hostPort_goForms() {
        XCTAssertEqual(WebSettings.hostPort(":9093")?.host, "0.0.0.0")
        XCTAssertEqual(WebSettings.hostPort("127.0.0.1:80")?.port, 80)
        XCTAssertEqual(WebSettings.hostPort("[::1]:9094")?.host, "::1")
        XCTAssertNil(WebSettings.hostPort("nohost"))
    }
}

final class ConfigMappingTests: XCTestCase {
    func test_routeSpec_emptyGroupByInherits_asAlertmanager025() throws {
        let yaml = """
        route:
          receiver: r
          group_by: [alertname]
          routes:
          - matchers: ['team="a"']
            group_by: []
          - matchers: ['team="b"']
            group_by: [cluster]
        receivers:
        - name: r
        """
        let loaded = try AlertmanagerConfig.load(yaml: yaml, baseDirectory: "/tmp")
        let route = AlertDispatch.Route(root: ConfigMapping.routeSpec(loaded.config.route))
        XCTAssertEqual(route.routes[0].options.groupBy, ["alertname"])
        XCTAssertEqual(route.routes[1].options.groupBy, ["cluster"])
        XCTAssertEqual(route.routes[0].key, #"{}/{team="a"}"#)
    }
}
