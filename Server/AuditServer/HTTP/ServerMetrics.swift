import Synchronization

/// Counters and latency histograms, served at `GET /metrics` in the Prometheus text format.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    struct Histogram {
        var counts = Array(repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var total = 0

        mutating func observe(_ seconds: Double) {
            for (index, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound { counts[index] += 1 }
            sum += seconds
            total += 1
        }
    }

    struct State {
        var requests: [String: Int] = [:]   // "route|status"
        var merges = 0
        var conflicts = 0
        var latency: [String: Histogram] = [:]   // "push", "pull"
    }

    private let state = Mutex(State())

    /// Creates empty metrics.
    public init() {}

    /// Counts one answered request.
    public func recordRequest(route: String, status: Int) {
        state.withLock { $0.requests["\(route)|\(status)", default: 0] += 1 }
    }

    /// Counts merged records and those now in conflict.
    public func recordMerges(records: Int, conflicts: Int) {
        state.withLock {
            $0.merges += records
            $0.conflicts += conflicts
        }
    }

    /// Records how long a push or pull took.
    public func recordLatency(_ operation: String, seconds: Double) {
        state.withLock { $0.latency[operation, default: Histogram()].observe(seconds) }
    }

    /// The Prometheus text exposition of every metric.
    public func render(waitingPulls: Int) -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []
        lines.append("# HELP fieldaudit_http_requests_total HTTP requests answered, by route and status.")
        lines.append("# TYPE fieldaudit_http_requests_total counter")
        for (key, count) in snapshot.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|", maxSplits: 1)
            lines.append("fieldaudit_http_requests_total{route=\"\(parts[0])\",status=\"\(parts[1])\"} \(count)")
        }
        lines.append("# HELP fieldaudit_merges_total Record states merged from pushes.")
        lines.append("# TYPE fieldaudit_merges_total counter")
        lines.append("fieldaudit_merges_total \(snapshot.merges)")
        lines.append("# HELP fieldaudit_conflicts_total Pushed records left in conflict after their merge.")
        lines.append("# TYPE fieldaudit_conflicts_total counter")
        lines.append("fieldaudit_conflicts_total \(snapshot.conflicts)")
        lines.append("# HELP fieldaudit_waiting_pulls Long-poll pulls waiting for changes.")
        lines.append("# TYPE fieldaudit_waiting_pulls gauge")
        lines.append("fieldaudit_waiting_pulls \(waitingPulls)")
        lines.append("# HELP fieldaudit_sync_seconds Push and pull latency.")
        lines.append("# TYPE fieldaudit_sync_seconds histogram")
        for (operation, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            for (index, bound) in Self.buckets.enumerated() {
                lines.append("fieldaudit_sync_seconds_bucket{operation=\"\(operation)\",le=\"\(bound)\"} \(histogram.counts[index])")
            }
            lines.append("fieldaudit_sync_seconds_bucket{operation=\"\(operation)\",le=\"+Inf\"} \(histogram.total)")
            lines.append("fieldaudit_sync_seconds_sum{operation=\"\(operation)\"} \(histogram.sum)")
            lines.append("fieldaudit_sync_seconds_count{operation=\"\(operation)\"} \(histogram.total)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
