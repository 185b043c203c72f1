import AuditTerminal
import Foundation
import Shared
import Transport

/// Many tablets long-polling at once with nothing to send them: what an idle server holds in memory,
/// and whether SIGTERM still stops it gracefully while they wait.
///
/// Each long-poll is a `SyncClient.pull(after: cursor, wait:)` at the newest cursor, so the server
/// finds nothing new and parks it. Every one runs a blocking libcurl transfer on a thread of its
/// own in this process; what is measured is the server side.
struct IdleLongPolls: Sendable {
    let server: ServerChild
    let clients: [SyncClient]
    let http: HTTPClient
    let count: Int
    let cursor: Int64
    /// How many to open at once; the next wave starts when the server reports them parked. 0: all at once.
    let wave: Int
    /// Seconds each pull may wait on the server.
    var wait = 30

    struct Figures: Sendable {
        var rssBeforeKiB = 0
        var runPeakKiB = 0
        var rssWaitingKiB = 0
        var phasePeakKiB = 0
        var peakWasReset = false
        var threadsBefore = 0
        var threadsWaiting = 0
        var waitingGauge = 0
        var opened = 0
        /// False when `/metrics` stopped answering while the long-polls were opened.
        var serverAnswering = true
        var openedIn: Duration = .zero
        var stop: ServerChild.StopOutcome = .alreadyGone
        var answered = 0
        var failed = 0
        var cancelled = 0
        var firstFailure: String?
    }

    private enum PollResult: Sendable, LongPollOutcome {
        case answered
        case failed(String)
        case cancelled
    }

    /// Opens the long-polls, measures while they wait, then stops the server with SIGTERM while
    /// they are still open.
    func run(log: @Sendable (String) -> Void) async -> Figures {
        var figures = Figures()
        let before = server.status()
        figures.rssBeforeKiB = before["VmRSS"] ?? 0
        figures.runPeakKiB = before["VmHWM"] ?? 0
        figures.threadsBefore = before["Threads"] ?? 0
        figures.peakWasReset = server.resetPeakRSS()

        let clock = ContinuousClock()
        let opened = clock.now
        let cursor = self.cursor, wait = self.wait
        let wave = self.wave > 0 ? self.wave : count
        figures = await withTaskGroup(of: PollResult.self) { group -> Figures in
            var figures = figures
            // Open them wave by wave: the next wave once the server reports the previous one parked.
            // Everything must be open well inside the pulls' own wait.
            let openLimit = Duration.seconds(Double(wait) * 0.6)
            while figures.opened < count && clock.now - opened < openLimit {
                let next = min(count, figures.opened + wave)
                for index in figures.opened..<next {
                    let client = clients[index % clients.count]
                    group.addTask { await LongPoll.run(client, after: cursor, wait: wait) }
                }
                figures.opened = next
                let waveStarted = clock.now
                var parked = false
                while clock.now - waveStarted < .seconds(5) && clock.now - opened < openLimit {
                    guard let gauge = await waitingPulls() else { break }
                    figures.waitingGauge = gauge
                    if gauge >= figures.opened { parked = true; break }
                    try? await Task.sleep(for: .milliseconds(wave >= count ? 100 : 5))
                }
                if !parked {
                    figures.serverAnswering = await waitingPulls() != nil
                    if !figures.serverAnswering { break }
                }
            }
            figures.openedIn = clock.now - opened
            log("long-polls: \(figures.waitingGauge) of \(count) waiting on the server after \(Format.seconds(figures.openedIn.seconds))"
                + (figures.serverAnswering ? "" : "; the server stopped answering /metrics after \(figures.opened) were opened"))
            // Hold for two seconds, sampling the resident size.
            for _ in 0..<10 {
                let status = server.status()
                figures.rssWaitingKiB = max(figures.rssWaitingKiB, status["VmRSS"] ?? 0)
                figures.threadsWaiting = max(figures.threadsWaiting, status["Threads"] ?? 0)
                try? await Task.sleep(for: .milliseconds(200))
            }
            figures.waitingGauge = await waitingPulls() ?? figures.waitingGauge
            figures.phasePeakKiB = server.status()["VmHWM"] ?? 0

            log("stopping audit-server with SIGTERM while \(figures.waitingGauge) long-polls wait …")
            figures.stop = await server.stop(within: .seconds(10))
            // Answers (or dropped connections) arrive within moments of the exit; then give up.
            try? await Task.sleep(for: .seconds(2))
            group.cancelAll()
            for await result in group {
                switch result {
                case .answered: figures.answered += 1
                case .cancelled: figures.cancelled += 1
                case .failed(let reason):
                    figures.failed += 1
                    if figures.firstFailure == nil { figures.firstFailure = reason }
                }
            }
            return figures
        }
        return figures
    }

    /// The `fieldaudit_waiting_pulls` gauge from `GET /metrics`.
    func waitingPulls() async -> Int? {
        await Self.metric("fieldaudit_waiting_pulls", from: server.baseURL, http: http)
    }

    /// One unlabelled metric's value from the server's `/metrics` text.
    static func metric(_ name: String, from server: URL, http: HTTPClient) async -> Int? {
        await MetricsText.value(name, from: server, http: http).map { Int($0) }
    }
}
