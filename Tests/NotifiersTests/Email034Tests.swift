import AlertCore
import Foundation
@testable import Notifiers
@testable import Notify
import SMTP
import Templating
import XCTest

/// Email keys 0.30–0.34 added: `threading` headers and `force_implicit_tls`.
final class Email034Tests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_709_290_000)

    func render(_ c: EmailNotifierConfig, groupKey: String) throws -> String {
        let n = EmailNotifier(config: c, templates: try TemplateSet.fromGlobs([]), externalURL: "http://am",
                              client: SMTPClient(connectTimeout: .seconds(5), readTimeout: .seconds(10)), hostname: "vm")
        let ctx = NotificationContext(groupKey: groupKey, groupLabels: ["alertname": "A"], receiverName: "mail",
                                      repeatInterval: 3600, flushTime: t0, deadline: t0.addingTimeInterval(30))
        let alerts = [Alert(labels: ["alertname": "A"], annotations: [:], startsAt: t0)]
        return String(decoding: try n.render(ctx, alerts: alerts, now: t0).message.encoded(), as: UTF8.self)
    }

    func test_threading_none_sameThreadHeadersForTheGroupAfterMessageId() throws {
        var c = EmailNotifierConfig(to: "a@example.org", from: "am@example.org", smarthostHost: "h", smarthostPort: 25)
        c.threadBy = "none"
        let key = #"{}:{alertname="A"}"#
        let root = "<alert-" + String(GroupKeyHash.hex(key).prefix(16)) + "-@alertmanager>"
        let text = try render(c, groupKey: key)
        XCTAssertTrue(text.contains("\r\nReferences: \(root)\r\nIn-Reply-To: \(root)\r\nDate: "), text)
        XCTAssertNotEqual(try render(c, groupKey: #"{}:{alertname="B"}"#).contains(root), true)
    }

    func test_threading_daily_rootCarriesTheLocalDate() throws {
        var c = EmailNotifierConfig(to: "a@example.org", from: "am@example.org", smarthostHost: "h", smarthostPort: 25)
        c.threadBy = "daily"
        let d = Calendar.current.dateComponents(in: TimeZone.current, from: t0)
        let day = String(format: "%04d-%02d-%02d", d.year!, d.month!, d.day!)
        XCTAssertTrue(try render(c, groupKey: "k").contains("-\(day)@alertmanager>\r\n"))
    }

    func test_threadingOff_noThreadHeaders() throws {
        let c = EmailNotifierConfig(to: "a@example.org", from: "am@example.org", smarthostHost: "h", smarthostPort: 25)
        XCTAssertFalse(try render(c, groupKey: "k").contains("References:"))
    }

    func test_forceImplicitTLS_overridesThePortRule() {
        var c = EmailNotifierConfig(to: "a", from: "b", smarthostHost: "h", smarthostPort: 587)
        XCTAssertFalse(c.smtpSettings.implicitTLS)
        c.forceImplicitTLS = true
        XCTAssertTrue(c.smtpSettings.implicitTLS)
        XCTAssertFalse(c.smtpSettings.requireTLS, "STARTTLS is not required on an implicit TLS connection")
        var s = EmailNotifierConfig(to: "a", from: "b", smarthostHost: "h", smarthostPort: 465)
        XCTAssertTrue(s.smtpSettings.implicitTLS)
        s.forceImplicitTLS = false
        XCTAssertFalse(s.smtpSettings.implicitTLS)
        XCTAssertTrue(s.smtpSettings.requireTLS)
    }
}
