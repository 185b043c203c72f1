import Foundation
import Logging

/// An HTTP/1.1 (and HTTP/2 over TLS) client over libcurl, for the terminal's sync and the server's
/// outbound calls.
///
/// What it does for every request:
///
/// - **Does not block Swift concurrency.** Each attempt runs libcurl's blocking transfer on a thread
///   of its own; the calling task is suspended, not a cooperative thread.
/// - **Times out** after ``HTTPClientConfiguration/connectTimeout`` without a connection and
///   ``HTTPClientConfiguration/timeout`` (or ``HTTPRequest/timeout``) for the whole attempt.
/// - **Retries** timeouts, connection errors and 5xx answers following the ``RetryPolicy``, with
///   exponential backoff and jitter. 4xx answers are never retried.
/// - **Accepts compressed answers**: it offers gzip and deflate and hands back the decoded body.
/// - **Verifies TLS certificates**, against ``HTTPClientConfiguration/caFile`` when set.
/// - **Honours the proxy environment** (`http_proxy`, `HTTPS_PROXY`, `NO_PROXY`, …) unless
///   ``HTTPClientConfiguration/proxy`` overrides it.
///
/// ## Errors and status codes
///
/// ``send(_:)`` returns a response for *any* status code once retries are over, and throws only
/// when no complete answer arrived. Most callers want a 2xx and chain ``HTTPResponse/checkSuccess()``:
///
/// ```swift
/// let client = HTTPClient()
/// var request = HTTPRequest(method: .get, url: URL(string: "https://sync.example/v1/pull")!)
/// request.headers["Authorization"] = "Bearer \(token)"
/// let pulled = try await client.send(request).checkSuccess().decode(PullResponse.self)
/// ```
///
/// Callers that handle particular statuses themselves (404 as "not there yet", 409 …) inspect
/// ``HTTPResponse/status`` instead.
///
/// Cancelling the calling task aborts the transfer within about a second and throws
/// `CancellationError`.
public struct HTTPClient: Sendable {
    /// The settings every request uses.
    public let configuration: HTTPClientConfiguration

    /// Creates a client. Clients hold no connections or threads, so they are cheap to create and to copy.
    ///
    /// - Parameter configuration: Timeouts, retries, TLS, proxy and logging.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
    }

    /// Sends `request`, retrying transient failures, and returns the server's answer.
    ///
    /// - Parameter request: What to send.
    /// - Returns: The last answer received, whatever its status. A 5xx is returned only after the
    ///   retry policy is used up; a 4xx is returned at once.
    /// - Throws: ``TransportError`` when no complete answer arrived by the last attempt (unreachable,
    ///   timed out, connection lost, TLS failure) or the request is invalid; `CancellationError` when
    ///   the calling task is cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let policy = request.retryPolicy ?? configuration.retryPolicy
        var logger = configuration.logger
        logger[metadataKey: "http.method"] = "\(request.method)"
        logger[metadataKey: "http.url"] = "\(request.url.absoluteString)"

        var attempt = 1
        while true {
            try Task.checkCancellation()
            logger.debug("sending request", metadata: ["attempt": "\(attempt)"])
            let problem: String
            switch await attemptOnce(request) {
            case .success(let response) where (500...599).contains(response.status):
                guard attempt < policy.maxAttempts else {
                    logger.warning(
                        "giving up after \(attempt) attempt(s): server answered \(response.status)",
                        metadata: ["attempts": "\(attempt)"])
                    return response
                }
                problem = "server answered \(response.status)"
            case .success(let response):
                return response
            case .failure(let error as TransportError) where error.isTransient:
                guard attempt < policy.maxAttempts else {
                    logger.warning("giving up after \(attempt) attempt(s): \(error)", metadata: ["attempts": "\(attempt)"])
                    throw error
                }
                problem = error.description
            case .failure(let error):
                throw error
            }
            let delay = policy.delay(beforeRetry: attempt)
            logger.notice(
                "retrying in \(delay.secondsText) s (attempt \(attempt + 1) of \(policy.maxAttempts)): \(problem)",
                metadata: ["attempt": "\(attempt)", "retry.delay": "\(delay.secondsText)"])
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }

    /// One attempt on a dedicated thread, aborted if the calling task is cancelled.
    private func attemptOnce(_ request: HTTPRequest) async -> Result<HTTPResponse, any Error> {
        let transfer = CurlTransfer(request: request, configuration: configuration, cancellation: CancellationFlag())
        return await withTaskCancellationHandler {
            await DedicatedThread.run(named: "fieldaudit.transport") { transfer.perform() }
        } onCancel: {
            transfer.cancellation.cancel()
        }
    }
}
