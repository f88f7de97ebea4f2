import Foundation

/// The `process_*` gauges Prometheus' Go client exports by default (RSS, CPU, start time,
/// open fds), read from /proc at scrape time, so dashboards built for Alertmanager work.
enum ProcessMetrics {
    static let startTime = Date()

    static func exposition() -> String {
        var out = ""
        func gauge(_ name: String, _ help: String, _ value: Double, type: String = "gauge") {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(format(value))\n"
        }
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            // Fields after the command name; utime/stime are fields 14/15, vsize 23, rss 24.
            let f = stat[stat.index(after: close)...].split(separator: " ")
            if f.count > 22 {
                let cpu = ((Double(f[11]) ?? 0) + (Double(f[12]) ?? 0)) / ticks
                gauge("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", cpu, type: "counter")
                gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", Double(f[20]) ?? 0)
                gauge("process_resident_memory_bytes", "Resident memory size in bytes.", (Double(f[21]) ?? 0) * pageSize)
            }
        }
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        gauge("process_open_fds", "Number of open file descriptors.", Double(fds))
        gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
              startTime.timeIntervalSince1970)
        return out
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
