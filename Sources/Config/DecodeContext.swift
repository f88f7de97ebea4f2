import AlertCore
import Foundation
import Synchronization
import Yams

/// Shared state of one config load: the type errors collected so far (Go's yaml.v2 collects
/// unknown fields and type mismatches and reports them together as `yaml: unmarshal errors:`),
/// the warnings, the directory relative file paths are resolved against, and the matcher parser.
final class DecodeContext {
    private(set) var typeErrors: [String] = []
    var warnings: [String] = []
    let baseDirectory: String
    let matcherWarnings = WarningSink()
    let matcherParser: MatcherParser

    init(baseDirectory: String, matcherMode: MatcherParsingMode) {
        self.baseDirectory = baseDirectory
        let sink = matcherWarnings
        matcherParser = MatcherParser(mode: matcherMode) { sink.append($0) }
    }

    /// Records a yaml.v2 type error (`line N: ...`); decoding continues, like yaml.v2's.
    func typeError(_ node: Node?, _ text: String) {
        typeErrors.append("line \(node?.mark?.line ?? 0): \(text)")
    }

    var typeErrorCount: Int { typeErrors.count + (fatal == nil ? 0 : 1) }

    /// An error yaml.v2 raises at once rather than collecting (a merge key with a scalar
    /// value); it wins over the collected type errors.
    private(set) var fatal: ConfigError?

    func fatalError(_ node: Node?, _ text: String) {
        if fatal == nil { fatal = ConfigError("yaml: " + text, line: node?.mark?.line) }
    }

    /// The combined error yaml.v2 returns when any type error was collected.
    func combinedTypeError() -> ConfigError? {
        if let fatal { return fatal }
        guard !typeErrors.isEmpty else { return nil }
        let first = typeErrors.first.flatMap { Int($0.dropFirst(5).prefix { $0.isNumber }) }
        return ConfigError("yaml: unmarshal errors:\n  " + typeErrors.joined(separator: "\n  "), line: first)
    }

    /// 0.34's `compat.IsValidLabelName` (route `group_by` and `labels`, inhibit `equal`): any
    /// non-empty UTF-8 name, except in classic mode (0.25's `[a-zA-Z_][a-zA-Z0-9_]*`).
    func isValidLabelName(_ name: String) -> Bool {
        matcherParser.mode == .classic ? LabelName.isValid(name) : !name.isEmpty
    }

    /// Makes a path absolute against the config file's directory (Alertmanager's `resolveFilepaths`).
    func resolve(_ path: String) -> String {
        if path.isEmpty || path.hasPrefix("/") || baseDirectory.isEmpty || baseDirectory == "." { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }

    /// Reads a `*_file` secret at load. An unreadable file is not a load error in Alertmanager
    /// (it reads such files when sending), so it becomes a warning and the content stays nil.
    func readFile(_ path: String, field: String) -> String? {
        guard !path.isEmpty else { return nil }
        do {
            return try String(contentsOfFile: resolve(path), encoding: .utf8)
        } catch {
            warnings.append("unable to read \(field) \(resolve(path)): notifications using it will fail")
            return nil
        }
    }
}

/// Collects matcher parser warnings (the parser reports through a `@Sendable` closure).
final class WarningSink: Sendable {
    private let items = Mutex<[String]>([])
    func append(_ s: String) { items.withLock { $0.append(s) } }
    var all: [String] { items.withLock { $0 } }
}

extension Node {
    var isNull: Bool {
        guard case .scalar(let s) = self else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
            || (s.style == .any && s.string.isEmpty)
    }

    /// yaml.v2's short tag for messages: `!!str`, `!!int`, `!!map`, `!!seq`, ...
    var goTag: String {
        switch self {
        case .mapping: return "!!map"
        case .sequence: return "!!seq"
        case .alias: return "!!str"
        case .scalar(let s):
            if s.style != .plain && s.style != .any { return "!!str" }
            switch s.string {
            case "", "~", "null", "Null", "NULL": return "!!null"
            default: break
            }
            if YAMLBool.parse(s.string) != nil { return "!!bool" }
            if Int64(s.string) != nil { return "!!int" }
            if Double(s.string) != nil, s.string.contains(".") { return "!!float" }
            if Self.isSexagesimalOrDate(s.string) { return "!!int" }
            return "!!str"
        }
    }

    /// YAML 1.1 base-60 numbers (`18:00`) and dates, which yaml.v2 would not read as strings.
    static func isSexagesimalOrDate(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count > 1, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) { return true }
        let d = s.split(separator: "-", omittingEmptySubsequences: false)
        return d.count == 3 && d[0].count == 4 && d.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Go's text for a scalar in type errors: "!!str `abc`"; maps and sequences without a value.
    var goDescription: String {
        if case .scalar(let s) = self { return "\(goTag) `\(s.string.prefix(10))\(s.string.count > 10 ? "..." : "")`" }
        return goTag
    }
}

/// YAML 1.1 booleans as yaml.v2 resolves them.
enum YAMLBool {
    static func parse(_ s: String) -> Bool? {
        switch s {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }
}
