import AlertCore
import Foundation

/// Settings of the HTTP API taken from the command line.
public struct APIConfiguration: Sendable {
    /// `--web.route-prefix`, normalised to `"/" + trim(p, "/")` ("/" means no prefix).
    public var routePrefix: String
    /// `--web.get-concurrency`: GET requests to the API served at once; ≤ 0 means
    /// max(processor count, 8) as Alertmanager computes it from GOMAXPROCS.
    public var getConcurrency: Int
    /// Largest accepted request body. Alertmanager (Go net/http + go-openapi) sets no limit;
    /// we cap at 32 MiB by default (≈ 60k alerts of 500 bytes; Prometheus sends 64 per request)
    /// and answer 413 beyond it, so a runaway client cannot exhaust memory.
    public var maxBodyBytes: Int
    /// Parser for `filter` parameters (`--enable-feature` modes of 0.27; fallback by default).
    public var matcherParser: MatcherParser
    /// Accept any valid UTF-8 label name on ingest (0.27+ default). False keeps 0.25's
    /// `^[a-zA-Z_][a-zA-Z0-9_]*$` rule.
    public var utf8LabelNames: Bool
    /// `--web.config.file`'s basic auth and headers, in front of every route; nil: none.
    public var webAccess: WebAccess?

    public init(routePrefix: String = "/", getConcurrency: Int = 0, maxBodyBytes: Int = 32 << 20,
                matcherParser: MatcherParser = MatcherParser(), utf8LabelNames: Bool = false,
                webAccess: WebAccess? = nil) {
        self.routePrefix = Self.normalisePrefix(routePrefix)
        self.getConcurrency = getConcurrency > 0 ? getConcurrency : max(ProcessInfo.processInfo.activeProcessorCount, 8)
        self.maxBodyBytes = maxBodyBytes
        self.matcherParser = matcherParser
        self.utf8LabelNames = utf8LabelNames
        self.webAccess = webAccess
    }

    /// `"/" + strings.Trim(p, "/")`.
    public static func normalisePrefix(_ p: String) -> String {
        "/" + String(p.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
    }
}
