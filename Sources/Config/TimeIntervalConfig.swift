import Foundation
import TimeIntervals
import Yams

/// One entry of a named interval's `time_intervals` list, as written, with the evaluator
/// built by the TimeIntervals module (which also validates it with Alertmanager's texts).
package struct TimeIntervalSpec: Sendable {
    package var times: [(start: String, end: String)] = []
    package var weekdays: [String] = []
    package var daysOfMonth: [String] = []
    package var months: [String] = []
    package var years: [String] = []
    package var location: String?
    package let interval: TimeIntervals.TimeInterval

    static func read(_ node: Node, ctx: DecodeContext) throws(ConfigError) -> TimeIntervalSpec? {
        guard let r = MapReader(node, type: "timeinterval.TimeInterval", ctx: ctx) else {
            if node.isNull {
                return (try? TimeIntervals.TimeInterval(times: [], weekdays: [], daysOfMonth: [], months: [], years: [], location: nil))
                    .map { TimeIntervalSpec(interval: $0) }
            }
            return nil
        }
        var times: [(start: String, end: String)] = []
        for t in r.list("times", of: "[]timeinterval.TimeRange") ?? [] {
            guard let tr = MapReader(t, type: "timeinterval.yamlTimeRange", ctx: ctx) else { continue }
            times.append((tr.string("start_time") ?? "", tr.string("end_time") ?? ""))
            tr.finish()
        }
        let weekdays = r.strings("weekdays") ?? []
        let days = r.strings("days_of_month") ?? []
        let months = r.strings("months") ?? []
        let years = r.strings("years") ?? []
        let location = r.string("location")
        r.finish()
        guard r.clean else { return nil }
        do {
            let ti = try TimeIntervals.TimeInterval(times: times, weekdays: weekdays, daysOfMonth: days, months: months, years: years,
                                      location: location)
            var spec = TimeIntervalSpec(interval: ti)
            spec.times = times
            spec.weekdays = weekdays
            spec.daysOfMonth = days
            spec.months = months
            spec.years = years
            spec.location = location
            return spec
        } catch {
            throw ConfigError(error.message, line: r.line)
        }
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        if !times.isEmpty {
            o.add("times", Node(times.map { t in
                var m = YAMLOut()
                m.str("start_time", t.start, omitEmpty: false)
                m.str("end_time", t.end, omitEmpty: false)
                return m.node
            }))
        }
        o.strings("weekdays", weekdays, flow: true)
        o.strings("days_of_month", daysOfMonth, flow: true)
        o.strings("months", months, flow: true)
        o.strings("years", years, flow: true)
        o.str("location", location)
        return o
    }
}

/// A named time interval from `time_intervals` or the older `mute_time_intervals` (one
/// namespace). It is active at a time when any of its entries contains that time.
package struct NamedTimeIntervalConfig: Sendable {
    package var name: String
    package var intervals: [TimeIntervalSpec]
    /// True when it came from the deprecated `mute_time_intervals` list.
    package var fromMuteTimeIntervals: Bool
    package var line: Int?

    package func contains(_ date: Date) -> Bool { intervals.contains { $0.interval.contains(date) } }

    static func read(_ node: Node, legacy: Bool, ctx: DecodeContext) throws(ConfigError) -> NamedTimeIntervalConfig? {
        guard let r = MapReader(node, type: "config.plain", ctx: ctx) else { return nil }
        let name = r.string("name") ?? ""
        let specs = try r.structs("time_intervals", goType: "[]timeinterval.TimeInterval") { (n: Node) throws(ConfigError) in
            try TimeIntervalSpec.read(n, ctx: ctx)
        } ?? []
        r.finish()
        guard r.clean else { return nil }
        if name.isEmpty {
            throw r.error(legacy ? "missing name in mute time interval" : "missing name in time interval")
        }
        return NamedTimeIntervalConfig(name: name, intervals: specs, fromMuteTimeIntervals: legacy, line: r.line)
    }

    var yaml: YAMLOut {
        var o = YAMLOut()
        o.str("name", name, omitEmpty: false)
        o.add("time_intervals", Node(intervals.map { $0.yaml.node }))
        return o
    }
}
