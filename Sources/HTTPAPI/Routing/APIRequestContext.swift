import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the client's channel,
/// whose closing stops an expensive evaluation (`RequestGuard`).
package struct APIRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
