import SwiftProtobuf
import Wire

/// What the start-up load needs of one `nflogpb.MeshEntry`, read straight from its bytes
/// without decoding it: the parts of its state key and its two timestamps.
///
/// Only the plain shape is read here, the one Alertmanager and Tocsin write: the known
/// fields of `MeshEntry`, `Entry`, `Receiver` and `Timestamp` with their own wire types, each
/// singular one at most once, ASCII group key and receiver names, valid for
/// Alertmanager's `decodeState`. Anything else (a field this version does not know, 0.34's
/// `receiver_data`, a repeated singular field, damage, an invalid entry) gives nil, and the
/// message goes through the full protobuf decoder, which then decides, with its own errors.
/// So a scan never accepts what the decoder would refuse, and reads the same values
/// (`FuzzTarget.nflogGossip` checks both on every input).
struct MeshEntryScan {
    var groupKey: Range<Int> = 0..<0
    var groupName: Range<Int> = 0..<0
    var integration: Range<Int> = 0..<0
    var index: UInt32 = 0
    /// `entry.timestamp`; Go's zero time when absent, as the decoder fills it in.
    var timestamp = Stamp.goZero
    /// `expires_at`; Go's zero time when absent.
    var expiresAt = Stamp.goZero

    /// A protobuf timestamp's two numbers.
    struct Stamp: Equatable {
        var seconds: Int64
        var nanos: Int32
        static let goZero = Stamp(seconds: Google_Protobuf_Timestamp.minSeconds, nanos: 0)
        var isInGoRange: Bool { Google_Protobuf_Timestamp(seconds: seconds, nanos: nanos).isInGoRange }
        var timestamp: Google_Protobuf_Timestamp { Google_Protobuf_Timestamp(seconds: seconds, nanos: nanos) }
    }

    /// Scans the message in `bytes[range]`; nil when it is not in the plain shape or not a
    /// valid entry.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var c = Cursor(bytes: bytes, at: range.lowerBound, end: range.upperBound)
        var seenEntry = false, seenExpiry = false
        while !c.atEnd {
            switch c.varint() {
            case 0x0A:  // 1: entry
                guard !seenEntry, let body = c.body(), scanEntry(bytes, body) else { return nil }
                seenEntry = true
            case 0x12:  // 2: expires_at
                guard !seenExpiry, let body = c.body(), let stamp = Self.stamp(bytes, body) else { return nil }
                expiresAt = stamp
                seenExpiry = true
            default: return nil
            }
        }
        // decodeState: an entry with a receiver, and times Go can represent.
        guard seenEntry, receiverSeen, timestamp.isInGoRange, expiresAt.isInGoRange else { return nil }
    }

    /// Whether the entry had a `receiver` field (it may be empty).
    private var receiverSeen = false

    /// `nflogpb.Entry`: group key, receiver, hash, resolved, timestamp, firing and resolved alerts.
    private mutating func scanEntry(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var c = Cursor(bytes: bytes, at: range.lowerBound, end: range.upperBound)
        var seen: UInt8 = 0  // bit n: singular field n was read
        func once(_ field: UInt8) -> Bool {
            defer { seen |= 1 << field }
            return seen & (1 << field) == 0
        }
        while !c.atEnd {
            switch c.varint() {
            case 0x0A:  // 1: group_key
                guard once(1), let body = c.body(), Cursor.isASCII(bytes, body) else { return false }
                groupKey = body
            case 0x12:  // 2: receiver
                guard once(2), let body = c.body(), scanReceiver(bytes, body) else { return false }
                receiverSeen = true
            case 0x1A:  // 3: group_hash
                guard once(3), c.body() != nil else { return false }
            case 0x20:  // 4: resolved
                guard once(4), c.varint() != nil else { return false }
            case 0x2A:  // 5: timestamp
                guard once(5), let body = c.body(), let stamp = Self.stamp(bytes, body) else { return false }
                timestamp = stamp
            case 0x30, 0x38:  // 6, 7: firing_alerts, resolved_alerts, one unpacked value
                guard c.varint() != nil else { return false }
            case 0x32, 0x3A:  // 6, 7: packed
                guard let body = c.body() else { return false }
                var packed = Cursor(bytes: bytes, at: body.lowerBound, end: body.upperBound)
                while !packed.atEnd { guard packed.varint() != nil else { return false } }
            default: return false
            }
        }
        return true
    }

    /// `nflogpb.Receiver`: group_name, integration, idx.
    private mutating func scanReceiver(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var c = Cursor(bytes: bytes, at: range.lowerBound, end: range.upperBound)
        var seenName = false, seenIntegration = false, seenIndex = false
        while !c.atEnd {
            switch c.varint() {
            case 0x0A:
                guard !seenName, let body = c.body(), Cursor.isASCII(bytes, body) else { return false }
                groupName = body
                seenName = true
            case 0x12:
                guard !seenIntegration, let body = c.body(), Cursor.isASCII(bytes, body) else { return false }
                integration = body
                seenIntegration = true
            case 0x18:
                guard !seenIndex, let v = c.varint() else { return false }
                index = UInt32(truncatingIfNeeded: v)
                seenIndex = true
            default: return false
            }
        }
        return true
    }

    /// `google.protobuf.Timestamp`: seconds, nanos (each 0 when absent).
    private static func stamp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Stamp? {
        var c = Cursor(bytes: bytes, at: range.lowerBound, end: range.upperBound)
        var stamp = Stamp(seconds: 0, nanos: 0)
        var seenSeconds = false, seenNanos = false
        while !c.atEnd {
            switch c.varint() {
            case 0x08:
                guard !seenSeconds, let v = c.varint() else { return nil }
                stamp.seconds = Int64(bitPattern: v)
                seenSeconds = true
            case 0x10:
                guard !seenNanos, let v = c.varint() else { return nil }
                stamp.nanos = Int32(truncatingIfNeeded: v)
                seenNanos = true
            default: return nil
            }
        }
        return stamp
    }

    /// Alertmanager's state key of the scanned entry, as ``NotificationLogState/key(groupKey:receiver:)``
    /// builds it from the decoded message (the parts are ASCII, so their bytes are the text).
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let idx = String(index)
        let count = groupKey.count + groupName.count + integration.count + idx.utf8.count + 3
        return String(unsafeUninitializedCapacity: count) { out in
            var n = 0
            func put(_ range: Range<Int>) {
                for i in range { out[n] = bytes[i]; n += 1 }
            }
            func put(_ byte: UInt8) { out[n] = byte; n += 1 }
            put(groupKey)
            put(UInt8(ascii: ":"))
            put(groupName)
            put(UInt8(ascii: "/"))
            put(integration)
            put(UInt8(ascii: "/"))
            for b in idx.utf8 { put(b) }
            return n
        }
    }
}

/// Reads protobuf varints and length-delimited bodies the way swift-protobuf's decoder does
/// (a varint of at most ten bytes); nil where that decoder would throw.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var at: Int
    let end: Int

    var atEnd: Bool { at >= end }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while at < end {
            let c = bytes[at]
            at += 1
            value |= UInt64(c & 0x7f) &<< shift
            if c & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }

    mutating func body() -> Range<Int>? {
        guard let n = varint(), n <= UInt64(end - at) else { return nil }
        defer { at += Int(n) }
        return at..<at + Int(n)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var all: UInt8 = 0
        for i in range { all |= bytes[i] }
        return all < 0x80
    }
}

extension NotificationLogState {
    /// Whether the load's scan agrees with the protobuf decoder on one message's bytes (no
    /// length prefix): a message the scan accepts decodes, is a valid entry, and has the key
    /// and times the scan read. For `FuzzTarget.nflogGossip`; a scan that refuses is always
    /// consistent, as the decoder then reads the message.
    package static func scanAgreesWithDecoder(_ message: [UInt8]) -> Bool {
        let scan = message.withUnsafeBufferPointer { buffer in
            MeshEntryScan(buffer, 0..<message.count).map { ($0, $0.key(buffer)) }
        }
        guard let (scan, scanKey) = scan else { return true }
        guard var decoded = try? Nflogpb_MeshEntry(serializedBytes: message), validate(&decoded) == nil else { return false }
        return scanKey == key(of: decoded) && scan.timestamp.timestamp == decoded.entry.timestamp
            && scan.expiresAt.timestamp == decoded.expiresAt
    }
}
