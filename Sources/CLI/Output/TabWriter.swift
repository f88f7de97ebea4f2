/// Go's `text/tabwriter` as amtool configures it (`NewWriter(w, 0, 0, 2, ' ', 0)`): cells are
/// tab-terminated, a column is as wide as its widest cell plus the padding, and a column block
/// runs over consecutive lines that have a cell in that column. A line without tabs ends all
/// blocks (Go flushes there). Widths count Unicode scalars, as Go counts runes. A tab inside a
/// value (a silence comment, say) starts a new cell, exactly as amtool prints it.
package struct TabWriter: Sendable {
    package var minWidth: Int
    package var padding: Int

    package init(minWidth: Int = 0, padding: Int = 2) {
        self.minWidth = minWidth
        self.padding = padding
    }

    /// One cell: its text and width; `terminated` cells take part in column alignment.
    struct Cell {
        var text: String
        var width: Int
    }

    /// Lays out `text` (the whole output, as amtool writes it before `Flush`).
    package func format(_ text: String) -> String {
        var out = ""
        var block: [[Cell]] = []
        var lineCells: [Cell] = []
        var current = ""
        func endCell() {
            lineCells.append(Cell(text: current, width: current.unicodeScalars.count))
            current = ""
        }
        for ch in text.unicodeScalars {
            switch ch {
            case "\t", "\u{0B}":
                endCell()
            case "\n", "\u{0C}":
                endCell()
                let cells = lineCells.count
                block.append(lineCells)
                lineCells = []
                if ch == "\u{0C}" || cells == 1 {
                    // Go flushes here: the buffered lines plus an empty last line.
                    block.append([Cell(text: "", width: 0)])
                    out += render(block)
                    block = []
                }
            default:
                current.unicodeScalars.append(ch)
            }
        }
        // Go's Flush terminates the unfinished cell only when it holds text.
        if !current.isEmpty { endCell() }
        block.append(lineCells)
        out += render(block)
        return out
    }

    /// Formats buffered lines; the last line gets no newline (it is the unfinished one).
    func render(_ lines: [[Cell]]) -> String {
        var out = ""
        var widths: [Int] = []
        layout(lines, &widths, 0, lines.count, &out)
        return out
    }

    /// Go's recursive `format`: finds the column blocks of column `widths.count`.
    func layout(_ lines: [[Cell]], _ widths: inout [Int], _ start: Int, _ end: Int, _ out: inout String) {
        let column = widths.count
        var line0 = start
        var this = start
        while this < end {
            if column >= lines[this].count - 1 { this += 1; continue }
            write(lines, widths, line0, this, &out)
            line0 = this
            var width = minWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].width + padding)
                this += 1
            }
            widths.append(width)
            layout(lines, &widths, line0, this, &out)
            widths.removeLast()
            line0 = this
        }
        write(lines, widths, line0, end, &out)
    }

    func write(_ lines: [[Cell]], _ widths: [Int], _ from: Int, _ to: Int, _ out: inout String) {
        guard from < to else { return }
        for i in from..<to {
            for (j, c) in lines[i].enumerated() {
                out += c.text
                if j < widths.count { out += String(repeating: " ", count: max(0, widths[j] - c.width)) }
            }
            // The last buffered line is the unfinished one: Go writes no newline after it.
            if i + 1 < lines.count { out += "\n" }
        }
    }
}
