import Foundation

/// Go's `url.URL.JoinPath` followed by `String()`: the elements are joined onto the URL's path
/// with `path.Join` (cleaned: no empty, `.` or `..` segments), a trailing `/` of the last
/// element is kept, and the query stays.
func goJoinPath(_ base: String, _ elems: String...) -> String {
    guard var c = URLComponents(string: base) else { return base }
    let all = [c.percentEncodedPath] + elems
    var segments: [Substring] = []
    for part in all {
        for seg in part.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !segments.isEmpty { segments.removeLast() }; continue }
            segments.append(seg)
        }
    }
    var p = "/" + segments.joined(separator: "/")
    if let last = all.last, last.hasSuffix("/"), !p.hasSuffix("/") { p += "/" }
    c.percentEncodedPath = p
    return c.string ?? base
}
