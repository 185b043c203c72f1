import AuditTerminal
import Foundation
import Shared
import Transport

/// Many pulls arriving in the same instant, as when a cell comes back and every tablet on it
/// reconnects: does the server answer them all, and does it keep answering `/healthz` meanwhile?
struct BurstCheck: Sendable {
    let server: ServerChild
    let clients: [SyncClient]
    let http: HTTPClient
    let count: Int
    let cursor: Int64
    /// Seconds each pull may wait on the server.
    var wait = 1
    /// How long to give the whole burst.
    var limit: Duration = .seconds(15)

    struct Figures: Sendable {
        var answered = 0
        var failed = 0
        var unanswered = 0
        var firstFailure: String?
        var elapsed: Duration = .zero
        /// How long `/healthz` took while the burst was in flight; `nil` if it did not answer within 5 s.
        var healthz: Duration?
        var stop: ServerChild.StopOutcome = .alreadyGone
    }

    private enum Event: Sendable, LongPollOutcome {
        case answered, failed(String), cancelled, deadline
        case healthz(Duration?)
    }

    func run() async -> Figures {
        var figures = Figures()
        let clock = ContinuousClock()
        let started = clock.now
        let cursor = self.cursor, wait = self.wait, limit = self.limit
        let healthURL = server.baseURL.appending(path: "healthz")
        let http = self.http
        figures = await withTaskGroup(of: Event.self) { group -> Figures in
            var figures = figures
            for index in 0..<count {
                let client = clients[index % clients.count]
                group.addTask { await LongPoll.run(client, after: cursor, wait: wait) }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(300))
                let asked = ContinuousClock.now
                let request = HTTPRequest(method: .get, url: healthURL, timeout: .seconds(5), retryPolicy: RetryPolicy.none)
                guard let response = try? await http.send(request), response.isSuccess else { return .healthz(nil) }
                return .healthz(ContinuousClock.now - asked)
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return .deadline
            }
            var pending = count + 1   // the pulls and the health probe
            while pending > 0, let event = await group.next() {
                switch event {
                case .answered: figures.answered += 1; pending -= 1
                case .cancelled: pending -= 1
                case .failed(let reason):
                    figures.failed += 1; pending -= 1
                    if figures.firstFailure == nil { figures.firstFailure = reason }
                case .healthz(let duration): figures.healthz = duration; pending -= 1
                case .deadline: pending = 0
                }
            }
            figures.elapsed = clock.now - started
            figures.unanswered = count - figures.answered - figures.failed
            group.cancelAll()
            for await _ in group {}
            return figures
        }
        figures.stop = await server.stop(within: .seconds(10))
        return figures
    }
}
