/// Go's ASCII-only Perl classes (`\d \s \w` and negations) and POSIX classes
/// (`[[:alpha:]]`, `[[:^alpha:]]`), as in `regexp/syntax/perl_groups.go`.
enum NamedClasses {
    /// A named group: its positive ranges and whether the name asks for the complement.
    struct Group { let ranges: [UInt32]; let negated: Bool }

    static func perl(_ letter: Character) -> Group? {
        switch letter {
        case "d": Group(ranges: digit, negated: false)
        case "D": Group(ranges: digit, negated: true)
        case "s": Group(ranges: perlSpace, negated: false)
        case "S": Group(ranges: perlSpace, negated: true)
        case "w": Group(ranges: word, negated: false)
        case "W": Group(ranges: word, negated: true)
        default: nil
        }
    }

    /// `name` is the full bracket form, e.g. "[:alpha:]" or "[:^alpha:]".
    static func posix(_ name: String) -> Group? {
        guard name.hasPrefix("[:"), name.hasSuffix(":]"), name.count >= 4 else { return nil }
        var inner = String(name.dropFirst(2).dropLast(2))
        var negated = false
        if inner.hasPrefix("^") { negated = true; inner.removeFirst() }
        guard let ranges = posixTable[inner] else { return nil }
        return Group(ranges: ranges, negated: negated)
    }

    private static let digit: [UInt32] = [0x30, 0x39]
    private static let perlSpace: [UInt32] = [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x20]
    private static let word: [UInt32] = [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A]

    private static let posixTable: [String: [UInt32]] = [
        "alnum": [0x30, 0x39, 0x41, 0x5A, 0x61, 0x7A],
        "alpha": [0x41, 0x5A, 0x61, 0x7A],
        "ascii": [0x00, 0x7F],
        "blank": [0x09, 0x09, 0x20, 0x20],
        "cntrl": [0x00, 0x1F, 0x7F, 0x7F],
        "digit": [0x30, 0x39],
        "graph": [0x21, 0x7E],
        "lower": [0x61, 0x7A],
        "print": [0x20, 0x7E],
        "punct": [0x21, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B, 0x7E],
        "space": [0x09, 0x0D, 0x20, 0x20],
        "upper": [0x41, 0x5A],
        "word": [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A],
        "xdigit": [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
    ]
}
