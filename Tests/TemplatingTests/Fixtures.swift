import GoCompat
import Templating

/// Shared data for the conformance corpus (shapes like Go's map[string]interface{}).
enum Fixtures {
    /// 2023-11-14 22:13:20.123 UTC.
    static let time = GoTime(unixSeconds: 1_700_000_000, nanoseconds: 123_000_000)

    static let data: TemplateValue = .map(TemplateMap([
        "Str": .string("hello"), "Empty": .string(""), "Int": .int(42), "Zero": .int(0),
        "Float": .float(1.5), "True": .bool(true), "False": .bool(false),
        "List": .strings(["a", "b", "c"]), "Ints": .list([.int(1), .int(2), .int(3)]), "EmptyList": .list([]),
        "Map": .map(TemplateMap(["x": .int(1), "y": .string("two"), "a": .bool(true)])),
        "SMap": .map(TemplateMap(strings: ["k": "v", "b": "w"])),
        "Nil": .null,
        "Nested": .map(TemplateMap(["Inner": .map(TemplateMap(["Deep": .string("deep")]))])),
        "Time": .time(time),
        "HTML": .string("<b>&'\"</b>"),
    ]))

    /// A two-alert group: one firing, one resolved, grouped by alertname.
    static func twoAlerts() -> TemplateData {
        let start = GoTime(unixSeconds: 1_700_000_000)
        let a1 = TemplateAlert(
            labels: ["alertname": "HighLatency", "job": "api", "instance": "a:9090", "severity": "page"],
            annotations: ["summary": "Latency high", "runbook": "http://rb/1"],
            startsAt: start, generatorURL: "http://prom:9090/graph?g0.expr=up", fingerprint: "1111111111111111",
            now: GoTime(unixSeconds: 1_700_000_600))
        let a2 = TemplateAlert(
            labels: ["alertname": "HighLatency", "job": "api", "instance": "b:9090", "severity": "page"],
            annotations: ["summary": "Latency high"],
            startsAt: start, endsAt: GoTime(unixSeconds: 1_700_000_300),
            generatorURL: "http://prom:9090/graph?g0.expr=up2", fingerprint: "2222222222222222",
            now: GoTime(unixSeconds: 1_700_000_600))
        return TemplateData.make(receiver: "team.ops", groupLabels: ["alertname": "HighLatency"],
                                 alerts: [a1, a2], externalURL: "http://am:9093")
    }
}
