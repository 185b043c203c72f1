import Foundation
import Hummingbird
import Synchronization

/// `GET /console/api/events`: server-sent events that tell open console pages the store changed
/// (a tablet synced, a dispatcher wrote, another node committed), so they refresh without a reload.
///
/// Each event is `event: change` with `data: {"seq": N}`, N the newest change-log position; a
/// comment every ``heartbeat`` keeps proxies from closing an idle stream and finds closed ones.
/// The stream ends when the session expires or the server stops; at most ``streamLimit`` are
/// open at once, so sessions cannot pin the server's tasks.
extension ConsoleRoutes {
    static let heartbeat: Double = 15
    static let streamLimit = 256
    private static let openStreams = Atomic<Int>(0)

    func addEventRoutes(to api: RouterGroup<OfficeRequestContext>) {
        api.get("/events") { [notifier] _, context in
            let expiresAt = context.session.expiresAtMilliseconds
            guard Self.openStreams.add(1, ordering: .relaxed).newValue <= Self.streamLimit else {
                Self.openStreams.subtract(1, ordering: .relaxed)
                throw APIError.tooManyRequests("too_many_streams", detail: "too many open event streams; try again later", retryAfter: 30)
            }
            let body = ResponseBody { writer in
                defer { Self.openStreams.subtract(1, ordering: .relaxed) }
                var seen = await notifier.current
                try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
                while !Task.isCancelled {
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    guard now < expiresAt, await !notifier.isClosed else { break }
                    let latest = await notifier.wait(after: seen, seconds: min(Self.heartbeat, Double(expiresAt - now) / 1000))
                    if latest > seen {
                        seen = latest
                        try await writer.write(ByteBuffer(string: "event: change\ndata: {\"seq\": \(latest)}\n\n"))
                    } else {
                        try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
        }
    }
}
