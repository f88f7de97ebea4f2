import APIModel
import Foundation
import Hummingbird

/// Response builders with Alertmanager's exact bodies and content types.
enum Responses {
    static func bytes(_ b: [UInt8], status: HTTPResponse.Status = .ok, contentType: String? = "application/json") -> Response {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: b)))
    }

    /// Plain text; `contentType` nil lets it be sniffed as Go would (`text/plain; charset=utf-8`).
    static func text(_ s: String, status: HTTPResponse.Status = .ok,
                     contentType: String? = "text/plain; charset=utf-8") -> Response {
        bytes(Array(s.utf8), status: status, contentType: contentType ?? "text/plain; charset=utf-8")
    }

    /// A handler error: a JSON string body (`"msg"` + newline), as go-openapi writes string payloads.
    static func jsonString(_ s: String, status: HTTPResponse.Status) -> Response {
        bytes(JSONWriter.stringBody(s), status: status)
    }

    /// go-openapi's `{"code":N,"message":"..."}` error with HTTP status `status`.
    static func apiError(code: Int, _ message: String, status: HTTPResponse.Status) -> Response {
        bytes(JSONWriter.errorBody(code: code, message: message), status: status)
    }

    static func apiNotFound(_ path: String) -> Response {
        apiError(code: 404, "path \(path) was not found", status: .notFound)
    }

    static func apiMethodNotAllowed(_ m: HTTPRequest.Method, allowed: [String]) -> Response {
        var r = apiError(code: 405, "method \(m.rawValue) is not allowed, but [\(allowed.joined(separator: ","))] are",
                         status: .methodNotAllowed)
        r.headers[.allow] = allowed.joined(separator: ",")
        return r
    }

    /// Go's `http.NotFound`.
    static func notFound() -> Response { text("404 page not found\n", status: .notFound) }

    static func methodNotAllowed() -> Response { text("Method Not Allowed\n", status: .methodNotAllowed) }

    /// Go's `http.Redirect(w, r, prefix, 302)` for a GET.
    static func redirect(to target: String) -> Response {
        var r = text("<a href=\"\(target)\">Found</a>.\n\n", status: .found, contentType: "text/html; charset=utf-8")
        r.headers[.location] = target
        return r
    }

    /// Every `/api/v1` route since 0.27.
    static func v1Gone() -> Response {
        bytes(Array(#"{"status":"deprecated","error":"The Alertmanager v1 API was deprecated in version 0.16.0 and is removed as of version 0.27.0 - please use the equivalent route in the v2 API"}"#.utf8),
              status: .gone)
    }
}
