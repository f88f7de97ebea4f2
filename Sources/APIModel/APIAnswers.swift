/// The small answers a client reads besides the models: go-openapi's string payloads (error
/// texts) and `POST /silences`' `{"silenceID": ...}`.
package enum APIAnswer {
    /// A JSON string document's text, or nil when the body is not one.
    package static func string(_ body: [UInt8]) -> String? {
        guard case .string(let s)? = try? JSONValue.document(body) else { return nil }
        return s
    }

    /// The ID in `POST /silences`' answer.
    package static func silenceID(_ body: [UInt8]) throws(JSONError) -> String {
        let f = try JSONFields(try JSONValue.document(body), goType: "silences.PostSilencesOKBody")
        return try f.string("silenceID") ?? ""
    }
}
