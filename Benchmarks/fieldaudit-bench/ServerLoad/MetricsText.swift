import Foundation
import Transport

/// Values read from a server's `GET /metrics` (the Prometheus text format).
enum MetricsText {
    /// The value of the sample named `sample`, labels included as the server prints them
    /// (`fieldaudit_sync_seconds_sum{operation="pull"}`); `nil` when absent or unreachable.
    static func value(_ sample: String, from server: URL, http: HTTPClient) async -> Double? {
        let request = HTTPRequest(method: .get, url: server.appending(path: "metrics"), timeout: .seconds(5), retryPolicy: RetryPolicy.none)
        guard let response = try? await http.send(request), response.isSuccess, let text = response.text else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1))
        }
        return nil
    }
}
