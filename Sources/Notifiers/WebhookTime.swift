import Foundation
import Templating

/// The webhook payload's time text: Go's `time.Time.MarshalJSON` (RFC3339Nano, trailing
/// fraction zeros trimmed, none when zero), written by `Templating.GoTime.rfc3339Nano`.
///
/// Go keeps the zone an alert's time was parsed with; Prometheus sends UTC (`Z`) times, and
/// `Alert` keeps no zone, so Tocsin writes UTC. A `Date` carries about microsecond precision
/// near the present, so fractions are rounded to the microsecond first (Prometheus sends
/// milliseconds, which survive exactly; `GoTime(Date)` would keep binary noise such as
/// `.122999907`).
enum WebhookTime {
    static func rfc3339Nano(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        var seconds = Int64(t.rounded(.down))
        var micros = Int(((t - t.rounded(.down)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        return GoTime(unixSeconds: seconds, nanoseconds: micros * 1000).rfc3339Nano
    }
}
