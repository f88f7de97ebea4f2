import AlertCore
import APIModel
import Foundation
import GoCompat
import GoRegex
import Hummingbird
import Silences

extension SilencesAPI {
    /// `POST /silences`: schema checks as go-openapi reports them (400/422 with its codes),
    /// the handler's matcher and time checks (400), then create or update (404 for an
    /// unknown ID). The response is sent once the change is on disk (see `Silences.persistChanges`).
    static func post(_ silences: SilenceStore, body: [UInt8], now: Date,
                     maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize,
                     rejections: APIRejections? = nil,
                     stored: (String) -> Void = { _ in }) async -> Response {
        let parsed: Silence
        switch silence(from: body, maxRegexProgramSize: maxRegexProgramSize) {
        case .failure(.tooLarge(let msg)):
            rejections?.reject(.regexTooLarge, msg)
            return Responses.jsonString(msg, status: .badRequest)
        case .failure(.parse(let msg)):
            return Responses.apiError(code: 400, "parsing silence body from \"\" failed, because \(msg)", status: .badRequest)
        case .failure(.validation(let code, let msg)):
            return Responses.apiError(code: code, msg, status: .unprocessableContent)
        case .failure(.handler(let msg)):
            return Responses.jsonString(msg, status: .badRequest)
        case .success(let s):
            parsed = s
        }
        if parsed.startsAt >= parsed.endsAt {
            return Responses.jsonString("Failed to create silence: start time must be before end time", status: .badRequest)
        }
        if parsed.endsAt < now {
            return Responses.jsonString("Failed to create silence: end time can't be in the past", status: .badRequest)
        }
        do throws(SilenceError) {
            let id = try await silences.setDurably(parsed)
            stored(id)
            var w = JSONWriter()
            w.raw("{\"silenceID\":")
            w.string(id)
            w.raw("}\n")
            return Responses.bytes(w.bytes)
        } catch {
            // A change the disk refused is a server error (Alertmanager has no such case: it
            // does not write silences before answering).
            let status: HTTPResponse.Status = switch error.kind {
            case .notFound: .notFound
            case .storage: .internalServerError
            case .invalid, .corruptSnapshot: .badRequest
            }
            return Responses.jsonString(error.message, status: status)
        }
    }

    enum PostError: Error {
        case parse(String)
        case validation(Int, String)
        case handler(String)
        /// A handler error that is the regex limit.
        case tooLarge(String)

        init(_ e: PostableSilenceError) {
            switch e {
            case .parse(let m): self = .parse(m)
            case .validation(let code, let m): self = .validation(code, m)
            }
        }
    }

    /// The silence a body asks for: the decoded body's matchers compiled (regexes are checked
    /// again by the store, which reports a bad pattern with Alertmanager's `silence invalid: …`
    /// text), then its times.
    static func silence(from body: [UInt8],
                        maxRegexProgramSize: Int = APIConfiguration.defaultMaxRegexProgramSize) -> Result<Silence, PostError> {
        let posted: PostableSilence
        switch PostableSilence.decode(body) {
        case .failure(let e): return .failure(PostError(e))
        case .success(let p): posted = p
        }
        var matchers: [Matcher] = []
        for (i, m) in posted.matchers.enumerated() {
            do {
                let matcher = try Matcher(m.type, m.name, m.value)
                if let tooLarge = matcher.regexTooLarge(maxRegexProgramSize, anchored: false) {
                    return .failure(.tooLarge("silence invalid: invalid label matcher \(i): invalid regular expression \(GoQuote.quote(m.value)): \(tooLarge)"))
                }
                matchers.append(matcher)
            } catch {
                // Alertmanager reports the pattern as written, compiled unanchored.
                var message = error.message
                do { _ = try RE2(m.value) } catch { message = error.message }
                return .failure(.handler("silence invalid: invalid label matcher \(i): invalid regular expression \(GoQuote.quote(m.value)): \(message)"))
            }
        }
        switch posted.times() {
        case .failure(let e): return .failure(PostError(e))
        case .success(let t):
            var s = Silence(id: posted.id ?? "", matchers: matchers, startsAt: t.startsAt, endsAt: t.endsAt,
                            createdBy: posted.createdBy, comment: posted.comment)
            s.annotations = posted.annotations
            return .success(s)
        }
    }
}
