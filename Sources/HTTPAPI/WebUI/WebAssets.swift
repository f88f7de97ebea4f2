import Foundation
import Hummingbird

/// One file of the web UI as `scripts/embed-webui` writes it: base64 of the file and of its
/// gzip, and a content-hash ETag.
struct EmbeddedAsset: Sendable {
    let path: String
    let contentType: String
    let etag: String
    let identity: String
    let gzip: String
}

/// The web UI (`webui/`, embedded at build time): `index.html` at the route prefix, the rest
/// under `static/`. Every answer carries an ETag (the names are not hashed, so browsers
/// revalidate: `no-cache`, a 304 when nothing changed), the gzip copy when the client
/// accepts it, and a Content-Security-Policy that allows only this server's own scripts,
/// styles and API (no inline script, no eval).
struct WebAssets: Sendable {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    struct File: Sendable {
        let contentType: String
        let etag: String
        let identity: ByteBuffer
        let gzip: ByteBuffer
    }

    /// Static files by their path under `static/`.
    let files: [String: File]
    /// The index page as served at the prefix with a trailing slash, and at the prefix
    /// without one (a non-root prefix: `/am`), where relative links need a `<base>`.
    let index: File
    let indexWithoutSlash: File?

    init(prefix: String) {
        var files: [String: File] = [:]
        var indexHTML = ""
        for a in Self.embedded {
            let raw = Data(base64Encoded: a.identity, options: .ignoreUnknownCharacters) ?? Data()
            let gz = Data(base64Encoded: a.gzip, options: .ignoreUnknownCharacters) ?? Data()
            if a.path == "index.html" { indexHTML = String(decoding: raw, as: UTF8.self); continue }
            files[a.path] = File(contentType: a.contentType, etag: a.etag,
                                 identity: ByteBuffer(bytes: raw), gzip: ByteBuffer(bytes: gz))
        }
        self.files = files
        index = Self.page(indexHTML, base: nil)
        if prefix != "/", let last = prefix.split(separator: "/").last {
            indexWithoutSlash = Self.page(indexHTML, base: "\(last)/")
        } else {
            indexWithoutSlash = nil
        }
    }

    /// The index page, with `<base href>` when asked for. Small and served once per visit,
    /// so it is not precompressed.
    private static func page(_ html: String, base: String?) -> File {
        var text = html
        if let base, let head = text.range(of: "<head>") {
            text.insert(contentsOf: "\n<base href=\"\(base)\">", at: head.upperBound)
        }
        let bytes = ByteBuffer(string: text)
        return File(contentType: "text/html; charset=utf-8", etag: contentHash(Array(text.utf8)), identity: bytes, gzip: bytes)
    }

    /// FNV-1a 64 of the page: only an ETag, it need not resist anyone.
    private static func contentHash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    func indexResponse(_ request: Request) -> Response {
        let path = request.uri.path
        let file = (!path.hasSuffix("/") ? indexWithoutSlash : nil) ?? index
        return Self.respond(file, gzipped: false, request)
    }

    func staticResponse(_ path: String, _ request: Request) -> Response {
        guard let file = files[path] else { return Responses.notFound() }
        return Self.respond(file, gzipped: Self.acceptsGzip(request), request)
    }

    /// `Accept-Encoding` names gzip (or `*`) without `q=0`.
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let value = request.headers[.acceptEncoding] else { return false }
        for part in value.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard fields.first == "gzip" || fields.first == "*" else { continue }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }

    static func respond(_ file: File, gzipped: Bool, _ request: Request) -> Response {
        // The gzip copy is another representation, so it has its own tag.
        let etag = "\"\(file.etag)\(gzipped ? "-gz" : "")\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.cacheControl] = "no-cache"
        headers[.vary] = "Accept-Encoding"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        if let match = request.headers[.ifNoneMatch],
           match.split(separator: ",").contains(where: { let t = $0.trimmingCharacters(in: .whitespaces); return t == etag || t == "W/\(etag)" || t == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = file.contentType
        if gzipped { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: gzipped ? file.gzip : file.identity))
    }
}

extension Response {
    /// The answer to HEAD: the GET's status and headers, no body.
    func withoutBody() -> Response {
        Response(status: status, headers: headers)
    }
}
