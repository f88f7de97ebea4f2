/// The ASCII tree amtool draws with `github.com/xlab/treeprint` for `config routes`: a root
/// line `.`, then each node on its own line behind `├── ` / `└── `, children indented with
/// `│` + two NO-BREAK SPACEs + a space (as the treeprint in Debian's amtool 0.25 binary draws
/// it), or four spaces. Every line ends with a newline.
package struct TreeNode: Sendable, Equatable {
    package var value: String
    package var children: [TreeNode]

    package init(_ value: String, children: [TreeNode] = []) {
        self.value = value
        self.children = children
    }

    /// The whole tree under a `.` root whose only children are `roots`.
    package static func render(_ roots: [TreeNode]) -> String {
        var out = ".\n"
        for (i, n) in roots.enumerated() { n.render(prefix: "", last: i == roots.count - 1, into: &out) }
        return out
    }

    func render(prefix: String, last: Bool, into out: inout String) {
        out += prefix + (last ? "└── " : "├── ")
        // treeprint indents continuation lines of a multi-line value under the node.
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        let cont = prefix + (last ? "    " : "│\u{00A0}\u{00A0} ")
        out += lines.enumerated().map { $0.offset == 0 ? String($0.element) : cont + $0.element }.joined(separator: "\n")
        out += "\n"
        for (i, c) in children.enumerated() { c.render(prefix: cont, last: i == children.count - 1, into: &out) }
    }
}
