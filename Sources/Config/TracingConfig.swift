import GoCompat
import Yams

/// The top-level `tracing` block (0.28+), checked as 0.34 checks it. Tocsin does not export
/// traces: a config with this block loads with a warning saying so (see README).
package struct TracingConfig: Sendable, Hashable {
    package var clientType = "grpc"
    package var endpoint = ""
    package var samplingFraction = 0.0
    package var insecure = false
    package var compression = ""
    package var timeout: PromDuration?

    package static let notImplementedWarning =
        "the tracing block is accepted but tracing is not implemented: no spans are exported"

    static func read(_ r: MapReader) throws(ConfigError) -> TracingConfig {
        var t = TracingConfig()
        if let s = r.string("client_type") {
            guard s == "http" || s == "grpc" else {
                throw r.error("expected tracing client type to be to be http or grpc, but got \(s)", at: "client_type")
            }
            t.clientType = s
        }
        t.endpoint = r.string("endpoint") ?? ""
        if let s = r.string("sampling_fraction") {
            guard let d = Double(s) else {
                r.ctx.typeError(r.value("sampling_fraction"), "cannot unmarshal !!str `\(s)` into float64")
                return t
            }
            t.samplingFraction = d
        }
        t.insecure = r.bool("insecure") ?? false
        if let tls = r.map("tls_config", type: "config.TLSConfig") { _ = try TLSConfig.read(tls) }
        _ = r.value("headers")
        t.compression = r.string("compression") ?? ""
        if let s = r.string("timeout") { t.timeout = try r.duration(s, at: "timeout") }
        r.finish()
        guard r.clean else { return t }
        if t.endpoint.isEmpty { throw r.error("tracing endpoint must be set") }
        if !t.compression.isEmpty && t.compression != "gzip" {
            throw r.error("invalid compression type \(t.compression) provided, valid options: gzip", at: "compression")
        }
        return t
    }
}
