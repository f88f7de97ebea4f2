/// A compiled regular expression in Go's RE2 dialect (`regexp` package semantics:
/// leftmost-first, linear-time, UTF-8). Immutable and safe to share across tasks; each
/// call allocates its own small matcher state.
package struct RE2: Sendable, CustomStringConvertible {
    /// The expression as compiled, as Go's `String()` (for `anchored`, the `^(?:p)$` form).
    package let pattern: String
    let program: Program
    let fastPath: FastPath?
    private let names: [String]

    /// Compiles `pattern` like Go's `regexp.Compile`. Errors carry Go's text,
    /// e.g. "error parsing regexp: missing closing ): `(a`".
    package init(_ pattern: String) throws(RE2Error) {
        self.pattern = pattern
        var parser = Parser(pattern)
        let root = try parser.parse()
        names = parser.names
        program = try Compiler.compile(root, numGroups: parser.numCap, pattern: pattern)
        fastPath = FastPath.detect(root)
    }

    /// Compiles `^(?:pattern)$`, the form Alertmanager's matchers and `match_re` use.
    package static func anchored(_ pattern: String) throws(RE2Error) -> RE2 {
        try RE2("^(?:" + pattern + ")$")
    }

    package var description: String { pattern }

    /// Go's `MatchString`: true if the pattern matches anywhere in `s`.
    package func matches(_ s: String) -> Bool {
        withBytes(s) { text in
            if let fastPath { return fastPath.matches(text) }
            return PikeVM.with(program, ncap: 0) { vm in vm.run(text, from: 0) }
        }
    }

    /// `matches` on UTF-8 bytes (a label value read in place from its label set).
    package func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let fastPath { return fastPath.matches(text) }
        return PikeVM.with(program, ncap: 0) { vm in vm.run(text, from: 0) }
    }

    /// `matches` that gives up when `interrupt` says so (asked every few KiB of `text`): nil
    /// then. The cost of a match is the text's length times the program's size, so a big
    /// program over a long label value can run for minutes; a request whose client left
    /// should not keep it running.
    package func matches(utf8 text: UnsafeBufferPointer<UInt8>, interrupt: () -> Bool) -> Bool? {
        if let fastPath { return fastPath.matches(text) }
        return withoutActuallyEscaping(interrupt) { stop in
            PikeVM.with(program, ncap: 0) { vm in
                let found = vm.run(text, from: 0, interrupt: stop)
                return vm.interrupted ? nil : found
            }
        }
    }

    /// Size of the compiled program in instructions (Go's `len(prog.Inst)`): with the text's
    /// length, what one match costs.
    package var programSize: Int { program.insts.count }

    /// The Pike VM's answer for `matches`, bypassing any fast path (for cross-checking).
    package func matchesWithoutFastPath(_ s: String) -> Bool {
        withBytes(s) { text in PikeVM.with(program, ncap: 0) { vm in vm.run(text, from: 0) } }
    }

    /// Whether `matches` takes a compile-time shortcut for this pattern.
    package var hasFastPath: Bool { fastPath != nil }

    /// Go's `FindStringSubmatchIndex` on the first match: UTF-8 byte ranges of the whole
    /// match and each capture group (nil for a group that did not participate).
    package func firstMatch(in s: String) -> [Range<Int>?]? {
        withBytes(s) { text in
            let found: [Int]? = PikeVM.with(program, ncap: program.numCap) { vm in
                vm.run(text, from: 0) ? vm.matchCaps : nil
            }
            guard let caps = found else { return nil }
            return (0..<(caps.count / 2)).map { g in
                caps[2 * g] >= 0 && caps[2 * g + 1] >= 0 ? caps[2 * g]..<caps[2 * g + 1] : nil
            }
        }
    }

    /// Go's `FindStringSubmatch`: the text of the whole match and each group ("" when a
    /// group did not participate), or nil without a match.
    package func firstMatchStrings(in s: String) -> [String]? {
        guard let ranges = firstMatch(in: s) else { return nil }
        let bytes = Array(s.utf8)
        return ranges.map { r in r.map { String(decoding: bytes[$0], as: UTF8.self) } ?? "" }
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` expansion, `$$` for `$`.
    package func replaceAll(in s: String, with template: String) -> String {
        Replace.replaceAll(self, in: s, template: template)
    }

    /// Names of capture groups in order (index 0 is the whole match, ""), as Go's `SubexpNames`.
    package var subexpNames: [String] { names }

    /// Number of capture groups, as Go's `NumSubexp`.
    package var numSubexp: Int { names.count - 1 }

    private func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(body) ?? body(UnsafeBufferPointer(start: nil, count: 0))
    }
}

/// A pattern Go's `regexp` would reject; `message` is Go's error text.
package struct RE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    package init(message: String) { self.message = message }
    package var description: String { message }

    /// Go's error for a program over its size limit, for callers with a tighter limit of
    /// their own (the API's `--web.max-regex-program-size`).
    package static func tooLarge(_ expr: String) -> RE2Error { RE2Error(.large, expr) }
}
