/// A subset of Go's `net/mail.ParseAddressList`, enough for Alertmanager's `to` and `from`:
/// comma-separated `addr@host`, `Name <addr@host>` and `"Quoted, Name" <addr@host>` entries.
/// Returns the bare addresses used for `MAIL FROM`/`RCPT TO`.
enum EmailAddress {
    struct ParseError: Error, Equatable {
        let message: String
    }

    static func parseList(_ text: String) throws(ParseError) -> [String] {
        var items: [String] = []
        var current = ""
        var inQuote = false, inAngle = false, escaped = false
        var comment = 0
        for ch in text {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            switch ch {
            case "\\" where inQuote: escaped = true
            case "\"" where comment == 0: inQuote.toggle()
            case "<" where !inQuote && comment == 0: inAngle = true
            case ">" where !inQuote && comment == 0: inAngle = false
            case "(" where !inQuote && !inAngle: comment += 1; continue
            case ")" where !inQuote && !inAngle && comment > 0: comment -= 1; continue
            case "," where !inQuote && !inAngle && comment == 0:
                items.append(current)
                current = ""
                continue
            default: break
            }
            if comment == 0 { current.append(ch) }
        }
        if inQuote { throw ParseError(message: "mail: missing closing \"") }
        items.append(current)
        var addresses: [String] = []
        for raw in items {
            let item = raw.trimmingSpaces
            if item.isEmpty { throw ParseError(message: "mail: no address") }
            addresses.append(try address(in: item))
        }
        return addresses
    }

    private static func address(in item: String) throws(ParseError) -> String {
        var spec = item
        if let open = item.lastIndex(of: "<") {
            guard let close = item[open...].firstIndex(of: ">") else { throw ParseError(message: "mail: unclosed angle-addr") }
            spec = String(item[item.index(after: open)..<close]).trimmingSpaces
        }
        guard let at = spec.lastIndex(of: "@") else { throw ParseError(message: "mail: missing @ in addr-spec") }
        let local = spec[..<at], domain = spec[spec.index(after: at)...]
        if local.isEmpty || local.contains(" ") { throw ParseError(message: "mail: invalid string") }
        if domain.isEmpty || domain.contains(" ") { throw ParseError(message: "mail: no domain in addr-spec") }
        return spec
    }
}

fileprivate extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
