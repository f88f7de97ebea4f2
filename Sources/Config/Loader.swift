import AlertCore
import Foundation
import Yams

/// The result of loading a config: the model plus what the server and check-config need.
package struct LoadedConfig: Sendable {
    package let config: AlertmanagerConfig
    /// The file content as read (Alertmanager hashes and reports this text).
    package let originalText: String
    /// Matcher-parser fallback warnings and unreadable `*_file` notes, in order.
    package let warnings: [String]
    /// `alertmanager_config_hash` for this text.
    package var hash: Double { MD5.configHash(originalText) }

    /// Names of receivers some route names (root included), in first-use order.
    package var receiversReferencedByRoutes: [String] {
        var out: [String] = []
        func walk(_ r: RouteConfig) {
            if let n = r.receiver, !n.isEmpty, !out.contains(n) { out.append(n) }
            r.routes.forEach(walk)
        }
        walk(config.route)
        return out
    }

    /// Integration list names used by any receiver that Tocsin parses but does not deliver to
    /// yet (see `IntegrationSpecs.delivers`).
    package var unsupportedIntegrations: [String] {
        var out: [String] = []
        for r in config.receivers { for t in r.unsupportedIntegrationTypes where !out.contains(t) { out.append(t) } }
        return out
    }

    /// The config re-marshalled as Alertmanager's `GET /api/v2/status` shows it; made once
    /// per load, since amtool and dashboards ask for the status often.
    package let marshalledYAML: String

    init(config: AlertmanagerConfig, originalText: String, warnings: [String]) {
        self.config = config
        self.originalText = originalText
        self.warnings = warnings
        marshalledYAML = config.marshalledYAML
    }
}

extension AlertmanagerConfig {
    /// Loads a file like Alertmanager's `config.LoadFile`; relative paths in it are resolved
    /// against the file's directory.
    package static func load(file path: String, matcherMode: MatcherParsingMode = .fallback) throws(ConfigError) -> LoadedConfig {
        let (text, dir) = try ConfigFile.read(path)
        return try load(yaml: text, baseDirectory: dir, matcherMode: matcherMode)
    }

    /// Loads config text like Alertmanager's `config.Load` (+ path resolution against `baseDirectory`).
    package static func load(yaml text: String, baseDirectory: String,
                            matcherMode: MatcherParsingMode = .fallback) throws(ConfigError) -> LoadedConfig {
        let ctx = DecodeContext(baseDirectory: baseDirectory, matcherMode: matcherMode)
        let node = try ConfigFile.compose(text)
        guard let node, let (cfg, line) = try read(node, ctx: ctx) else {
            throw ctx.combinedTypeError() ?? ConfigError("no route provided in config")
        }
        if cfg.route.continue { throw ConfigError("cannot have continue in root route", line: line) }
        return LoadedConfig(config: cfg, originalText: text, warnings: ctx.warnings + ctx.matcherWarnings.all)
    }

    /// yaml.v2's wording of a syntax error: `yaml: line N: <problem>` (scanner errors name the
    /// problem's line, parser errors the line before it, as yaml.v2 counts).
    static func syntaxError(_ error: Error) -> ConfigError {
        guard let y = error as? YamlError else { return ConfigError("yaml: \(error)") }
        switch y {
        case .scanner(_, let problem, let mark, _):
            return ConfigError("yaml: line \(mark.line): \(problem)", line: mark.line)
        case .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError("yaml: line \(max(mark.line - 1, 0)): \(problem)", line: mark.line)
        default:
            return ConfigError("yaml: \(y)")
        }
    }
}
