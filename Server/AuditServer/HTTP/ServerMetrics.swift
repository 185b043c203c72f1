import CoreMetrics
import Metrics
import Prometheus
import Synchronization

/// The server's metrics, kept through swift-metrics in a Prometheus registry and served at
/// `GET /metrics` in the Prometheus text format.
///
/// | Metric | Type | Labels |
/// |---|---|---|
/// | `fieldaudit_http_requests_total` | counter | `route` (the matched route template, or `unmatched`), `status` |
/// | `fieldaudit_merges_total` | counter | |
/// | `fieldaudit_conflicts_total` | counter | |
/// | `fieldaudit_waiting_pulls` | gauge | |
/// | `fieldaudit_sync_seconds` | histogram | `operation` (`push`, `pull`) |
/// | `fieldaudit_pull_findings_total` | counter | `findings` (`sent`, `held`: the tablet named the current generation) |
///
/// Each instance has a registry of its own, so several servers in one process (tests) keep apart.
/// ``bootstrap()`` also makes the process-wide swift-metrics factory write into this registry, so
/// that metrics made anywhere with `Counter(label:dimensions:)` (push refusals, for example) are
/// served too; swift-metrics allows that once per process, and `serve` does it.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// The route label of requests that matched no route.
    public static let unmatchedRoute = "unmatched"

    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let merges: CoreMetrics.Counter
    private let conflicts: CoreMetrics.Counter
    private let waitingPulls: CoreMetrics.Gauge

    /// Creates metrics in a new registry.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["fieldaudit_sync_seconds"] = Self.buckets.map { .nanoseconds(Int64(($0 * 1e9).rounded())) }
        self.factory = factory
        merges = CoreMetrics.Counter(label: "fieldaudit_merges_total", factory: factory)
        conflicts = CoreMetrics.Counter(label: "fieldaudit_conflicts_total", factory: factory)
        waitingPulls = CoreMetrics.Gauge(label: "fieldaudit_waiting_pulls", factory: factory)
    }

    /// Counts one answered request under its route template (`/v1/maps/{work_order}`, not the path).
    public func recordRequest(route: String, status: Int) {
        CoreMetrics.Counter(label: "fieldaudit_http_requests_total", dimensions: [("route", route), ("status", String(status))], factory: factory)
            .increment()
    }

    /// Counts merged records and those now in conflict.
    public func recordMerges(records: Int, conflicts: Int) {
        merges.increment(by: records)
        self.conflicts.increment(by: conflicts)
    }

    /// Records how long a push or pull took.
    public func recordLatency(_ operation: String, seconds: Double) {
        CoreMetrics.Timer(label: "fieldaudit_sync_seconds", dimensions: [("operation", operation)], factory: factory)
            .recordNanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Counts a pull's last page by whether it carried the findings or held them back from a
    /// tablet that already has them (``FindingsDelivery``): how much an idle pull is spared.
    public func recordFindings(sent: Bool) {
        CoreMetrics.Counter(label: "fieldaudit_pull_findings_total", dimensions: [("findings", sent ? "sent" : "held")], factory: factory)
            .increment()
    }

    /// The Prometheus text exposition of every metric, with the waiting-pulls gauge set to `waitingPulls`.
    public func render(waitingPulls: Int) -> String {
        self.waitingPulls.record(waitingPulls)
        return registry.emitToString()
    }

    private static let bootstrapped = Mutex(false)

    /// Makes swift-metrics' process-wide factory write into this registry. Only the first call in
    /// a process takes effect (swift-metrics allows one bootstrap); returns whether this one did.
    @discardableResult
    public func bootstrap() -> Bool {
        Self.bootstrapped.withLock { done in
            guard !done else { return false }
            MetricsSystem.bootstrap(factory)
            done = true
            return true
        }
    }
}
