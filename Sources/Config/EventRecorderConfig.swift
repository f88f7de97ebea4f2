import GoCompat
import Yams

/// The top-level `event_recorder` block (0.33+), checked as 0.34 checks it (file, stdout,
/// webhook and Kafka outputs). Tocsin records no events: a config with this block loads with
/// a warning saying so (see README).
package struct EventRecorderConfig: Sendable, Hashable {
    package var outputCount = 0

    package static let notImplementedWarning =
        "the event_recorder block is accepted but the event recorder is not implemented: no events are written"

    static func read(_ r: MapReader) throws(ConfigError) -> EventRecorderConfig {
        var c = EventRecorderConfig()
        for item in r.list("file_outputs", of: "[]eventrecorder.FileOutputConfig") ?? [] {
            guard let o = MapReader(item, type: "eventrecorder.plain", ctx: r.ctx) else { continue }
            let path = o.string("path") ?? ""
            o.finish()
            if o.clean && path.isEmpty { throw o.error("event_recorder file output requires a path") }
            c.outputCount += 1
        }
        for item in r.list("stdout_outputs", of: "[]eventrecorder.StdoutOutputConfig") ?? [] {
            guard let o = MapReader(item, type: "eventrecorder.StdoutOutputConfig", ctx: r.ctx) else { continue }
            o.finish()
            c.outputCount += 1
        }
        for item in r.list("webhook_outputs", of: "[]eventrecorder.WebhookOutputConfig") ?? [] {
            guard let o = MapReader(item, type: "eventrecorder.plain", ctx: r.ctx) else { continue }
            try readWebhook(o)
            c.outputCount += 1
        }
        for item in r.list("kafka_outputs", of: "[]eventrecorder.KafkaOutputConfig") ?? [] {
            guard let o = MapReader(item, type: "eventrecorder.plain", ctx: r.ctx) else { continue }
            try readKafka(o)
            c.outputCount += 1
        }
        r.finish()
        return c
    }

    static func readWebhook(_ o: MapReader) throws(ConfigError) {
        var url: String?
        if let s = o.string("url") {
            url = s
            if s != Secret.marker { _ = try o.url(s, at: "url") }
        }
        if let n = o.value("http_config") { _ = try HTTPClientConfig.read(n, ctx: o.ctx) }
        var negative = false
        for key in ["timeout", "retry_backoff", "batch_flush_interval"] {
            if let s = o.string(key) { _ = try o.duration(s, at: key) }
        }
        let workers = o.int64("workers") ?? 0, retries = o.int64("max_retries") ?? 0
        _ = (workers, retries)
        let batch = o.bool("batch") ?? false
        let maxEvents = o.int64("batch_max_events") ?? 0, maxBytes = o.int64("batch_max_bytes") ?? 0
        let flush = o.has("batch_flush_interval") && o.string("batch_flush_interval") != "0s"
        negative = maxEvents < 0 || maxBytes < 0
        o.finish()
        guard o.clean else { return }
        guard let url, url != Secret.marker else { throw o.error("event_recorder webhook output requires a url") }
        if negative { throw o.error("event_recorder webhook batch settings cannot be negative") }
        if !batch && (maxEvents != 0 || maxBytes != 0 || flush) {
            throw o.error("event_recorder webhook batch settings require batch: true")
        }
    }

    static func readKafka(_ o: MapReader) throws(ConfigError) {
        let brokers = o.strings("brokers") ?? []
        let topic = o.string("topic") ?? ""
        _ = o.string("client_id")
        let format = o.string("format") ?? ""
        let acks = o.string("acks") ?? "", compression = o.string("compression") ?? ""
        _ = o.int64("buffer_size")
        if let t = o.map("tls_config", type: "config.TLSConfig") { _ = try TLSConfig.read(t) }
        o.finish()
        guard o.clean else { return }
        func fail(_ m: String) -> ConfigError { o.error("event_recorder " + m) }
        if brokers.isEmpty { throw fail("kafka: at least one broker is required") }
        if brokers.contains("") { throw fail("kafka: broker entries must be non-empty") }
        if !["", "none", "leader", "all"].contains(acks) {
            throw fail("kafka: unknown acks \(GoQuote.quote(acks)), must be \"none\", \"leader\", or \"all\"")
        }
        if !["", "none", "gzip", "snappy", "lz4", "zstd"].contains(compression) {
            throw fail("kafka: unknown compression \(GoQuote.quote(compression))")
        }
        if topic.isEmpty { throw o.error("event_recorder kafka output requires a topic") }
        if !["", "json", "protobuf"].contains(format) {
            throw fail("kafka: unknown format \(GoQuote.quote(format)), must be \"json\" or \"protobuf\"")
        }
    }
}
