import Foundation

/// Access to the fixture files and to `expectations.tsv`, recorded once from the real
/// `amtool check-config` 0.25.
enum Fixtures {
    static var directory: String {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures").path ?? "Fixtures"
    }

    static func path(_ name: String) -> String { directory + "/" + name }

    struct Expectation {
        let file: String
        let accept: Bool
        let message: String
        /// The table's verdict column as written (`reject-containing`: the text is a part).
        var verdict = ""
    }

    static func expectations(_ table: String = "expectations.tsv") throws -> [Expectation] {
        let text = try String(contentsOfFile: path(table), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expectation(file: cols[0], accept: cols[1] == "accept", message: unescape(cols.count > 2 ? cols[2] : ""),
                               verdict: cols[1])
        }
    }

    static func unescape(_ s: String) -> String {
        var out = "", esc = false
        for c in s {
            if esc {
                out += c == "n" ? "\n" : c == "t" ? "\t" : String(c)
                esc = false
            } else if c == "\\" { esc = true } else { out.append(c) }
        }
        return out
    }

    /// The repository's `alertmanager.yml.example` (two levels above this test directory).
    static func examplePath(file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("alertmanager.yml.example").path
    }
}
