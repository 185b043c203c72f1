import Logging
import Transport

/// Clients with tiny retry pauses, so retry tests take milliseconds.
enum TestClients {
    /// A client retrying up to `attempts` times with 5–20 ms pauses.
    static func make(
        attempts: Int = 3,
        timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "test.transport") { _ in SwiftLogNoOpLogHandler() },
        configure: (inout HTTPClientConfiguration) -> Void = { _ in }
    ) -> HTTPClient {
        var configuration = HTTPClientConfiguration(
            connectTimeout: .seconds(5),
            timeout: timeout,
            retryPolicy: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)),
            logger: logger
        )
        configure(&configuration)
        return HTTPClient(configuration: configuration)
    }
}
