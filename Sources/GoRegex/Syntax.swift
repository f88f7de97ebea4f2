/// The parsed form of a pattern (Go's `syntax.Regexp` without the simplifications that do
/// not change what matches). Repeats stay as `repeatN` and are expanded by the compiler.
indirect enum Node: Sendable {
    case noMatch
    case emptyMatch
    /// One scalar; `fold` is set only under `(?i)` when the scalar has other case forms.
    case literal(UInt32, fold: Bool)
    /// Normalized lo/hi pairs.
    case charClass([UInt32])
    case anyCharNotNL
    case anyChar
    case beginLine
    case endLine
    case beginText
    case endText
    case wordBoundary
    case noWordBoundary
    case capture(index: Int, name: String, Node)
    case star(Node, greedy: Bool)
    case plus(Node, greedy: Bool)
    case quest(Node, greedy: Bool)
    /// `x{min,max}`; max == -1 means unbounded.
    case repeatN(Node, min: Int, max: Int, greedy: Bool)
    case concat([Node])
    case alternate([Node])
}

/// Parser flags (the subset of Go's `syntax.Flags` that `(?imsU)` toggles).
struct ParseFlags: OptionSet, Sendable {
    let rawValue: UInt8
    static let foldCase = ParseFlags(rawValue: 1)
    /// `(?m)` clears Go's OneLine: `^`/`$` match at line boundaries.
    static let multiLine = ParseFlags(rawValue: 2)
    static let dotNL = ParseFlags(rawValue: 4)
    static let nonGreedy = ParseFlags(rawValue: 8)
}

/// Go's `regexp/syntax` error codes, with their exact texts.
enum ErrorCode: String {
    case invalidCharClass = "invalid character class"
    case invalidCharRange = "invalid character class range"
    case invalidEscape = "invalid escape sequence"
    case invalidNamedCapture = "invalid named capture"
    case invalidPerlOp = "invalid or unsupported Perl syntax"
    case invalidRepeatOp = "invalid nested repetition operator"
    case invalidRepeatSize = "invalid repeat count"
    case missingBracket = "missing closing ]"
    case missingParen = "missing closing )"
    case missingRepeatArgument = "missing argument to repetition operator"
    case trailingBackslash = "trailing backslash at end of expression"
    case unexpectedParen = "unexpected )"
    case nestingDepth = "expression nests too deeply"
    case large = "expression too large"
}

extension RE2Error {
    /// Go's `syntax.Error.Error()`: "error parsing regexp: <code>: `<expr>`".
    init(_ code: ErrorCode, _ expr: String) {
        self.init(message: "error parsing regexp: \(code.rawValue): `\(expr)`")
    }
}
