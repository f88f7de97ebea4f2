import AlertCore
import Foundation
import Notify

extension HTTPSender {
    /// A GET outside any notification (a node asking a peer's API for its history): the same
    /// `http_config` (authorization or OAuth2, TLS, proxy) as a notifier's request, bounded by
    /// `timeout` seconds; the answer is kept up to `maxBody` bytes (`truncated` says it was cut).
    package func get(url: String, timeout: Double, maxBody: Int) async throws(NotifyError) -> (reply: HTTPReply, truncated: Bool) {
        let now = clock.now()
        let ctx = NotificationContext.outsideNotification(now: now, deadline: now.addingTimeInterval(timeout))
        let reply = try await send(.GET, url: url, contentType: nil, body: nil, userAgent: "tocsin",
                                   maxBody: maxBody + 1, ctx: ctx)
        return (reply, reply.body.count > maxBody)
    }
}
