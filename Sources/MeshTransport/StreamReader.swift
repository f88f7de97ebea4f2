import Wire

/// Collects one stream message from a connection's reads. Parses only when it can succeed:
/// once the headers tell the message's length (`Memberlist.bytesNeeded`), nothing is parsed
/// until that many bytes are in, so a message sent in thousands of small pieces is parsed
/// once rather than once per piece (re-parsing from the start cost 21 CPU-seconds in 10 s).
struct StreamReader {
    private var buffer: [UInt8] = []
    private var needed = 1

    /// Adds `piece`; returns the message once complete, nil while more is needed.
    /// - Parameter label: the label this node expects (`--cluster.label`); nil: accept any.
    /// - Throws: malformed input, a wrong label, or a `StreamError` over `limits`.
    mutating func read(_ piece: some Collection<UInt8>, label: [UInt8]?, limits: Memberlist.StreamLimits) throws -> Memberlist.StreamMessage? {
        buffer.append(contentsOf: piece)
        if buffer.count > limits.maxBytes { throw Memberlist.StreamError.tooLarge(buffer.count) }
        guard buffer.count >= needed else { return nil }
        var bytes = buffer
        if bytes.first == Memberlist.MessageType.hasLabel.rawValue {
            guard let (found, rest) = try? Memberlist.stripLabel(bytes[...]) else {
                needed = buffer.count + 1
                return nil
            }
            if let label, found != label { throw MeshError("unacceptable label") }
            bytes = Array(rest)
        } else if let label, !label.isEmpty, !bytes.isEmpty {
            throw MeshError("missing label")
        }
        // Headers first (cheap: nothing decoded or copied); parse only once they say the
        // message is all there.
        guard let declared = try Memberlist.bytesNeeded(bytes, limits: limits) else {
            needed = buffer.count + 1
            return nil
        }
        if bytes.count < declared {
            needed = declared + (buffer.count - bytes.count)
            return nil
        }
        if let (message, _) = try Memberlist.parseStreamMessage(bytes, limits: limits) { return message }
        needed = buffer.count + 1
        return nil
    }
}
