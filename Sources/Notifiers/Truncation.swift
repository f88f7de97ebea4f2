/// Go's `notify.TruncateInRunes`: at most `n` Unicode scalars, the last one replaced by `…`
/// when the text is cut (for `n` > 3; shorter limits cut without the marker).
func truncateInRunes(_ s: String, _ n: Int) -> (String, truncated: Bool) {
    let scalars = s.unicodeScalars
    guard scalars.count > n else { return (s, false) }
    if n <= 3 { return (String(String.UnicodeScalarView(scalars.prefix(n))), true) }
    return (String(String.UnicodeScalarView(scalars.prefix(n - 1))) + "…", true)
}
