import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the client's channel,
/// whose closing stops an expensive evaluation (`RequestGuard`).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
