import Foundation
import Logging
import ServiceLifecycle

/// Runs the MIS job on a schedule inside `audit-server serve` (`--mis-url URL --mis-every 15m`).
/// A failed run is logged with its reason and tried again at the next tick; a graceful shutdown
/// lets a running job finish its transaction and stops the schedule.
struct MISSchedule: Service {
    let job: MISJob
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                let report = try await job.run()
                logger.info("MIS sync done", metadata: report.counts.reduce(into: [:]) { $0[$1.key] = "\($1.value)" })
            } catch {
                logger.error("MIS sync failed; next try in \(interval)", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Reads `90s`, `15m`, `2h`, `1d` or a plain number of seconds; at least one second, at most
    /// 100 years (a larger number is refused, never trapped on).
    static func parseInterval(_ text: String) -> Duration? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(text.trimmingCharacters(in: .whitespaces))
        var scale = 1.0
        if let last = number.last, let unit = units[last] {
            scale = unit
            number = number.dropLast()
        }
        guard let value = Double(number), value.isFinite, (1...3_153_600_000).contains(value * scale) else { return nil }
        return .milliseconds(Int64(value * scale * 1_000))
    }
}
