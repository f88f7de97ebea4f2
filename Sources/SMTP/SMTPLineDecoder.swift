import NIOCore
import SMTPProtocol

/// Splits the server's byte stream into reply lines (CRLF or bare LF; the CR is dropped).
/// A line longer than `maxLength` is an error, so a broken server cannot grow memory.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String
    let maxLength: Int

    init(maxLength: Int = 64 * 1024) { self.maxLength = maxLength }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maxLength { throw SMTPError(message: "reply line too long", retryable: false) }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var bytes = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapOutboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState {
        // A partial line at EOF is not a reply; the handler reports the closed connection.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    private func wrapOutboundOut(_ s: String) -> NIOAny { NIOAny(s) }
}
