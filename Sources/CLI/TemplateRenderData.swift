import Foundation
import Templating

/// The data `template render` executes against: amtool's built-in sample, or a JSON file in
/// the layout of Alertmanager's `template.Data` (what webhooks receive).
enum TemplateRenderData {
    /// amtool 0.25's sample: receiver "receiver", status "alertstatus", two alerts that
    /// started 5 and 10 minutes ago and end now.
    static func sample(now: Date) -> TemplateData {
        let common = ["commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2"]
        let commonAnnotations = ["commonannotationkey1": "commonannotationvalue1",
                                 "commonannotationkey2": "commonannotationvalue2"]
        let end = Templating.GoTime(now)
        let first = TemplateAlert(
            status: "alertstatus",
            labels: common.merging(["instance": "foo.bar:1234", "label1": "value1", "label2": "value2"]) { a, _ in a },
            annotations: commonAnnotations.merging(["annotation1": "value1", "annotation2": "value2"]) { a, _ in a },
            startsAt: Templating.GoTime(now.addingTimeInterval(-300)), endsAt: end, generatorURL: "https://generatorurl.com",
            fingerprint: "fingerprint1")
        let second = TemplateAlert(
            status: "alertstatus", labels: common.merging(["foo": "bar", "baz": "qux"]) { a, _ in a },
            annotations: commonAnnotations.merging(["aaa": "bbb", "ccc": "ddd"]) { a, _ in a },
            startsAt: Templating.GoTime(now.addingTimeInterval(-600)), endsAt: end, generatorURL: "https://generatorurl.com",
            fingerprint: "fingerprint2")
        return TemplateData(receiver: "receiver", status: "alertstatus", alerts: [first, second],
                            groupLabels: ["grouplabelkey1": "grouplabelvalue1", "grouplabelkey2": "grouplabelvalue2"],
                            commonLabels: common, commonAnnotations: commonAnnotations, externalURL: "https://example.com")
    }

    /// Decodes like Go's `json.Unmarshal` into `template.Data`: absent fields stay zero,
    /// wrongly typed fields fail with Go's message.
    static func decode(_ bytes: Data) throws(TemplateRender.Failure) -> TemplateData {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) } catch {
            throw TemplateRender.Failure(message: "invalid character in JSON data")
        }
        guard let obj = root as? [String: Any] else { throw mismatch(root, field: nil, want: "template.Data") }
        var alerts: [TemplateAlert] = []
        if let raw = obj["alerts"], !(raw is NSNull) {
            guard let list = raw as? [Any] else { throw mismatch(raw, field: "Data.alerts", want: "template.Alerts") }
            for item in list {
                guard let a = item as? [String: Any] else { throw mismatch(item, field: "Data.alerts", want: "template.Alert") }
                alerts.append(TemplateAlert(
                    status: try string(a, "status", in: "Data.alerts"), labels: try map(a, "labels", in: "Data.alerts"),
                    annotations: try map(a, "annotations", in: "Data.alerts"),
                    startsAt: try time(a, "startsAt"), endsAt: try time(a, "endsAt"),
                    generatorURL: try string(a, "generatorURL", in: "Data.alerts"),
                    fingerprint: try string(a, "fingerprint", in: "Data.alerts")))
            }
        }
        return TemplateData(receiver: try string(obj, "receiver", in: "Data"), status: try string(obj, "status", in: "Data"),
                            alerts: alerts, groupLabels: try map(obj, "groupLabels", in: "Data"),
                            commonLabels: try map(obj, "commonLabels", in: "Data"),
                            commonAnnotations: try map(obj, "commonAnnotations", in: "Data"),
                            externalURL: try string(obj, "externalURL", in: "Data"))
    }

    private static func string(_ o: [String: Any], _ key: String, in owner: String) throws(TemplateRender.Failure) -> String {
        guard let v = o[key], !(v is NSNull) else { return "" }
        guard let s = v as? String else { throw mismatch(v, field: "\(owner).\(key)", want: "string") }
        return s
    }

    private static func map(_ o: [String: Any], _ key: String, in owner: String) throws(TemplateRender.Failure)
        -> [String: String] {
        guard let v = o[key], !(v is NSNull) else { return [:] }
        guard let m = v as? [String: Any] else { throw mismatch(v, field: "\(owner).\(key)", want: "template.KV") }
        var out: [String: String] = [:]
        for (k, value) in m {
            guard let s = value as? String else { throw mismatch(value, field: "\(owner).\(key)", want: "string") }
            out[k] = s
        }
        return out
    }

    private static func time(_ o: [String: Any], _ key: String) throws(TemplateRender.Failure) -> Templating.GoTime {
        guard let v = o[key], !(v is NSNull) else { return .zero }
        guard let s = v as? String, let t = parseRFC3339(s) else {
            throw TemplateRender.Failure(message: "parsing time \(v) as \"2006-01-02T15:04:05Z07:00\": cannot parse")
        }
        return t
    }

    private static func mismatch(_ v: Any, field: String?, want: String) -> TemplateRender.Failure {
        let kind: String
        switch v {
        case is String: kind = "string"
        case is [Any]: kind = "array"
        case is [String: Any]: kind = "object"
        case let n as NSNumber: kind = String(cString: n.objCType) == "c" ? "bool" : "number"
        default: kind = "value"
        }
        let target = field.map { "Go struct field \($0) of type \(want)" } ?? "Go value of type \(want)"
        return TemplateRender.Failure(message: "json: cannot unmarshal \(kind) into \(target)")
    }

    /// RFC 3339 with optional fraction: `2024-01-02T03:04:05.123+02:00` or `...Z`. A numeric
    /// zone gets no name, so Go-style formatting prints it as `+0200`.
    static func parseRFC3339(_ s: String) -> Templating.GoTime? {
        let b = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count, !r.isEmpty, r.allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }) else { return nil }
            return r.reduce(0) { $0 * 10 + Int(b[$1] - 48) }
        }
        guard b.count >= 20, let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13),
              let mi = num(14..<16), let sec = num(17..<19), b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116,
              b[13] == 58, b[16] == 58 else { return nil }
        var i = 19
        var nanos = 0
        if b[i] == 46 {
            var digits = 0
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset = 0
        var name = "UTC"
        if i == b.count - 1, b[i] == 90 || b[i] == 122 {
        } else if i + 6 == b.count, b[i] == 43 || b[i] == 45, let oh = num(i + 1..<i + 3), let om = num(i + 4..<i + 6),
                  b[i + 3] == 58 {
            offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
            if offset != 0 { name = "" }
        } else {
            return nil
        }
        // Days from the civil date (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let unix = Int64(days) * 86400 + Int64(h * 3600 + mi * 60 + sec) - Int64(offset)
        return Templating.GoTime(unixSeconds: unix, nanoseconds: nanos, offsetSeconds: offset, zoneName: name)
    }
}
