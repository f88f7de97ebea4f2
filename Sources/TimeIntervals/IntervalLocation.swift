import Foundation

/// The `location` of a time interval entry: the name as written and the time zone it names.
///
/// Names are accepted as Go's `time.LoadLocation` accepts them on Linux, which is what
/// Alertmanager 0.25 calls: `""` and `"UTC"` are UTC, `"Local"` is the process's local zone,
/// a name containing `..` or starting with `/` or `\` fails with `time: invalid location name`,
/// and any other name must be a file of the system tz database (`/usr/share/zoneinfo` and
/// Go's other search directories), else `unknown time zone NAME`. Alertmanager passes the Go
/// error through unwrapped on non-Windows systems, so these are the user-facing texts.
///
/// Offsets come from Foundation's `TimeZone(identifier:)`. Differences from Go, kept on
/// purpose: a name that is a directory (`Europe`) reports `unknown time zone` where Go reports
/// a read error; a tz file Foundation does not know (e.g. `posix/...`, `right/...`) is
/// rejected with `unknown time zone`.
package struct IntervalLocation: Sendable, Hashable {
    /// The name Alertmanager marshals back (Go's `Location.String()`): `UTC` for `""`.
    package let name: String
    package let timeZone: TimeZone

    /// Directories Go's `time` package searches for tz files on Unix, in order.
    static let zoneinfoDirectories = [
        "/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/",
    ]

    /// Resolves a location name as `time.LoadLocation` would (see the type's doc).
    package static func load(_ name: String) throws(TimeIntervalError) -> IntervalLocation {
        if name.isEmpty || name == "UTC" {
            return IntervalLocation(name: "UTC", timeZone: utc)
        }
        if name == "Local" {
            return IntervalLocation(name: "Local", timeZone: TimeZone.current)
        }
        if name.contains("..") || name.hasPrefix("/") || name.hasPrefix("\\") {
            throw TimeIntervalError(message: "time: invalid location name")
        }
        guard existsInSystemDatabase(name), let zone = TimeZone(identifier: name) else {
            throw TimeIntervalError(message: "unknown time zone \(name)")
        }
        return IntervalLocation(name: name, timeZone: zone)
    }

    /// UTC as a fixed zone (Foundation's identifier for it is `GMT`).
    static let utc = TimeZone(secondsFromGMT: 0) ?? TimeZone.current

    /// True when `name` is a regular file in one of Go's tz directories. When no such
    /// directory exists (or `ZONEINFO` points Go elsewhere) Foundation's own database decides.
    private static func existsInSystemDatabase(_ name: String) -> Bool {
        let files = FileManager.default
        if let zoneinfo = ProcessInfo.processInfo.environment["ZONEINFO"], !zoneinfo.isEmpty {
            return true
        }
        var sawDirectory = false
        for directory in zoneinfoDirectories {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            sawDirectory = true
            if files.fileExists(atPath: directory + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                return true
            }
        }
        return !sawDirectory
    }
}
