import APIModel
import AlertCore
import Foundation

/// Settings of the HTTP API taken from the command line.
package struct APIConfiguration: Sendable {
    /// `--web.route-prefix`, normalised to `"/" + trim(p, "/")` ("/" means no prefix).
    package var routePrefix: String
    /// `--web.get-concurrency`: GET requests to the API served at once; ≤ 0 means
    /// max(processor count, 8) as Alertmanager computes it from GOMAXPROCS.
    package var getConcurrency: Int
    /// Largest accepted request body. Alertmanager (Go net/http + go-openapi) sets no limit;
    /// we cap at 32 MiB by default (≈ 60k alerts of 500 bytes; Prometheus sends 64 per request)
    /// and answer 413 beyond it, so a runaway client cannot exhaust memory.
    package var maxBodyBytes: Int
    /// Parser for `filter` parameters (`--enable-feature` modes of 0.27; fallback by default).
    package var matcherParser: MatcherParser
    /// Accept any valid UTF-8 label name on ingest (0.27+ default). False keeps 0.25's
    /// `^[a-zA-Z_][a-zA-Z0-9_]*$` rule.
    package var utf8LabelNames: Bool
    /// `--web.config.file`'s basic auth and headers, in front of every route; nil: none.
    package var webAccess: WebAccess?
    /// `--web.timeout` (nil: none): an alert listing still evaluating then is stopped and
    /// answered 503 as Go's `http.TimeoutHandler` answers.
    package var requestTimeout: Duration?
    /// `--web.max-regex-program-size`: instructions a regex of a matcher in `filter=` or in a
    /// posted silence may compile to. One match costs the label's length times this, so it
    /// bounds what a single request can make the server evaluate. Beyond it the matcher is
    /// refused with Go's "expression too large" error (Go's own limit is ~3.3M).
    package var maxRegexProgramSize: Int
    /// The `--alerts.max-*` limits on posted alerts.
    package var alertLimits = AlertLimits()

    package init(routePrefix: String = "/", getConcurrency: Int = 0, maxBodyBytes: Int = 32 << 20,
                matcherParser: MatcherParser = MatcherParser(), utf8LabelNames: Bool = false,
                webAccess: WebAccess? = nil, requestTimeout: Duration? = nil,
                maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize) {
        self.maxRegexProgramSize = maxRegexProgramSize
        self.requestTimeout = requestTimeout
        self.routePrefix = Self.normalisePrefix(routePrefix)
        self.getConcurrency = getConcurrency > 0 ? getConcurrency : max(ProcessInfo.processInfo.activeProcessorCount, 8)
        self.maxBodyBytes = maxBodyBytes
        self.matcherParser = matcherParser
        self.utf8LabelNames = utf8LabelNames
        self.webAccess = webAccess
    }

    package static let defaultMaxRegexProgramSize = AlertQuery.defaultMaxRegexProgramSize

    /// `"/" + strings.Trim(p, "/")`.
    package static func normalisePrefix(_ p: String) -> String {
        "/" + String(p.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
    }
}
