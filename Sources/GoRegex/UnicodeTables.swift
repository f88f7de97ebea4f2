/// Unicode classes for `\pX`, `\p{Name}` (Go's `unicode.Categories` and `unicode.Scripts`).
///
/// General categories (`L`, `Lu`, `Ll`, `Lt`, `Lm`, `Lo`, `M`, `Mn`, `Mc`, `Me`, `N`, `Nd`,
/// `Nl`, `No`, `P`, `Pc`, `Pd`, `Ps`, `Pe`, `Pi`, `Pf`, `Po`, `S`, `Sm`, `Sc`, `Sk`, `So`,
/// `Z`, `Zs`, `Zl`, `Zp`, `C`, `Cc`, `Cf`, `Cs`, `Co`) come from the stdlib's scalar
/// properties, built once on first use. `Any` is every scalar. Scripts covered:
/// see `UnicodeScripts.ranges`.
enum UnicodeTables {
    /// Normalized ranges for `name`, or nil when Go would reject the name.
    static func table(_ name: String) -> [UInt32]? {
        if name == "Any" { return [0, CharClass.maxRune] }
        if let cat = categoryTable(name) { return cat }
        if let script = UnicodeScripts.ranges[name] { return CharClass.normalize(expand(script)) }
        return nil
    }

    private static let categoryCodes: Set<String> = [
        "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe",
        "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
    ]

    private static func categoryTable(_ name: String) -> [UInt32]? {
        let wanted: (String) -> Bool
        switch name.count {
        case 1 where "LMNPSZC".contains(name): wanted = { $0.hasPrefix(name) }
        case 2 where categoryCodes.contains(name): wanted = { $0 == name }
        default: return nil
        }
        var out: [UInt32] = []
        if wanted("Cs") { out += [0xD800, 0xDFFF] }  // surrogates are not scalars
        let runs = categoryRuns
        for (i, run) in runs.enumerated() where wanted(run.code) {
            let end = i + 1 < runs.count ? runs[i + 1].start - 1 : CharClass.maxRune
            out.append(run.start); out.append(end)
        }
        return CharClass.normalize(out)
    }

    private struct Run: Sendable { let start: UInt32; let code: String }

    /// Maximal runs of scalars sharing a general category; planes 4-13 are unassigned.
    private static let categoryRuns: [Run] = {
        var runs: [Run] = []
        var last = ""
        func visit(_ v: UInt32) {
            guard let s = Unicode.Scalar(v) else { return }
            let code = twoLetter(s.properties.generalCategory)
            if code != last { runs.append(Run(start: v, code: code)); last = code }
        }
        for v in UInt32(0)..<0x40000 { visit(v) }
        runs.append(Run(start: 0x40000, code: "Cn")); last = "Cn"
        for v in UInt32(0xE0000)...CharClass.maxRune { visit(v) }
        return runs
    }()

    private static func twoLetter(_ c: Unicode.GeneralCategory) -> String {
        switch c {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "Cn"
        }
    }

    /// Expands Go-style (lo, hi, stride) triples into flat lo/hi pairs.
    private static func expand(_ triples: [(UInt32, UInt32, UInt32)]) -> [UInt32] {
        var out: [UInt32] = []
        for (lo, hi, stride) in triples {
            if stride == 1 { out.append(lo); out.append(hi); continue }
            var v = lo
            while v <= hi { out.append(v); out.append(v); v += stride }
        }
        return out
    }
}
