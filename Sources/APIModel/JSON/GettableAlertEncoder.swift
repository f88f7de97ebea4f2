import AlertCore
import Foundation

/// An alert as `GET /api/v2/alerts` lists it: the alert, its re-evaluated status and receivers.
package struct ListedAlert: Sendable {
    package var alert: Alert
    package var fingerprint: Fingerprint
    package var status: AlertStatus
    package var receivers: [String]

    package init(alert: Alert, fingerprint: Fingerprint, status: AlertStatus, receivers: [String]) {
        self.alert = alert
        self.fingerprint = fingerprint
        self.status = status
        self.receivers = receivers
    }
}

extension JSONWriter {
    /// Writes a `gettableAlert` with Go's field order (go-swagger declares struct fields
    /// alphabetically, the embedded `alert` with `generatorURL`/`labels` last):
    /// annotations, endsAt, fingerprint, receivers, startsAt, status{inhibitedBy, mutedBy,
    /// silencedBy, state}, updatedAt, generatorURL (omitted when empty), labels.
    /// `mutedBy` is 0.28's addition; 0.25 clients (amtool) ignore unknown fields.
    package mutating func gettableAlert(_ a: ListedAlert) {
        raw("{\"annotations\":")
        labelSet(a.alert.annotations)
        raw(",\"endsAt\":")
        date(a.alert.endsAt)
        raw(",\"fingerprint\":\"")
        appendHex16(a.fingerprint.rawValue)
        raw("\",\"receivers\":")
        receiverList(a.receivers)
        raw(",\"startsAt\":")
        date(a.alert.startsAt)
        raw(",\"status\":{\"inhibitedBy\":")
        stringArray(a.status.inhibitedBy)
        raw(",\"mutedBy\":")
        stringArray(a.status.mutedBy)
        raw(",\"silencedBy\":")
        stringArray(a.status.silencedBy)
        raw(",\"state\":\"")
        switch a.status.state {
        case .active: raw("active")
        case .suppressed: raw("suppressed")
        case .unprocessed: raw("unprocessed")
        }
        raw("\"},\"updatedAt\":")
        date(a.alert.updatedAt)
        if !a.alert.generatorURLUTF8.isEmpty {
            raw(",\"generatorURL\":")
            a.alert.generatorURLUTF8.withUnsafeBufferPointer { utf8String($0) }
        }
        raw(",\"labels\":")
        labelSet(a.alert.labels)
        raw(UInt8(ascii: "}"))
    }

    /// A gettable alert's `receivers`: `[{"name":…},…]`.
    mutating func receiverList(_ names: [String]) {
        array(names) { w, name in
            w.raw("{\"name\":")
            w.string(name)
            w.raw(UInt8(ascii: "}"))
        }
    }

    mutating func appendHex16(_ v: UInt64) {
        let digits: StaticString = "0123456789abcdef"
        let p = digits.utf8Start
        var shift: UInt64 = 60
        while true {
            bytes.append(p[Int((v >> shift) & 0xF)])
            if shift == 0 { break }
            shift -= 4
        }
    }
}
