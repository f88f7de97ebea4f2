import Foundation
import GoCompat
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
        let end = GoTime(now)
        let first = TemplateAlert(
            status: "alertstatus",
            labels: common.merging(["instance": "foo.bar:1234", "label1": "value1", "label2": "value2"]) { a, _ in a },
            annotations: commonAnnotations.merging(["annotation1": "value1", "annotation2": "value2"]) { a, _ in a },
            startsAt: GoTime(now.addingTimeInterval(-300)), endsAt: end, generatorURL: "https://generatorurl.com",
            fingerprint: "fingerprint1")
        let second = TemplateAlert(
            status: "alertstatus", labels: common.merging(["foo": "bar", "baz": "qux"]) { a, _ in a },
            annotations: commonAnnotations.merging(["aaa": "bbb", "ccc": "ddd"]) { a, _ in a },
            startsAt: GoTime(now.addingTimeInterval(-600)), endsAt: end, generatorURL: "https://generatorurl.com",
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

    private static func time(_ o: [String: Any], _ key: String) throws(TemplateRender.Failure) -> GoTime {
        guard let v = o[key], !(v is NSNull) else { return .zero }
        guard let s = v as? String, let t = try? GoTime.parseRFC3339(s) else {
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
}
