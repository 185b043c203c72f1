import Foundation

/// Why an HTTP exchange failed, phrased so the person reading it knows what to do next.
///
/// ``description`` gives one line such as:
///
/// - `server unreachable at http://10.0.0.5:8080/sync/pull: connection refused`
/// - `timed out after 10 s waiting for http://10.0.0.5:8080/sync/pull`
/// - `server answered 401: token rejected`
/// - `server answered 503: <the server's short explanation>`
///
/// ``HTTPClient/send(_:)`` throws the transport cases (everything except ``status(code:detail:)``)
/// once its ``RetryPolicy`` is used up; ``HTTPResponse/checkSuccess()`` throws
/// ``status(code:detail:)`` for a non-2xx answer.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connection could be made: refused, no route, or the host name did not resolve.
    /// `reason` is short and lower-case, e.g. `"connection refused"`.
    case unreachable(url: URL, reason: String)
    /// No complete answer arrived within `after` (the connect timeout if no connection was made,
    /// otherwise the total timeout).
    case timedOut(url: URL, after: Duration)
    /// A connection was made but broke before a complete answer arrived, e.g. the server closed it
    /// without answering.
    case connectionLost(url: URL, reason: String)
    /// The TLS handshake failed: the certificate could not be verified against the trusted CAs
    /// (see ``HTTPClientConfiguration/caFile``), the CA file could not be read, or the peer does not
    /// speak TLS.
    case tls(url: URL, reason: String)
    /// The server answered with a status outside 200–299. `detail` is "token rejected" for 401,
    /// otherwise the server's short explanation (a JSON `error`/`message`/`reason` field, the first
    /// line of a text body, or the reason phrase).
    case status(code: Int, detail: String)
    /// The request cannot be sent as given (unsupported URL scheme, a header containing a line
    /// break, …). Retrying will not help; the calling code must change.
    case invalidRequest(String)
    /// Any other transfer failure reported by libcurl, with libcurl's explanation.
    case transfer(url: URL, reason: String)

    /// One line a person can act on.
    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            return "server unreachable at \(url.absoluteString): \(reason)"
        case .timedOut(let url, let after):
            return "timed out after \(after.secondsText) s waiting for \(url.absoluteString)"
        case .connectionLost(let url, let reason):
            return "connection to \(url.absoluteString) lost: \(reason)"
        case .tls(let url, let reason):
            return "secure connection to \(url.absoluteString) failed: \(reason)"
        case .status(let code, let detail):
            return "server answered \(code): \(detail)"
        case .invalidRequest(let reason):
            return "invalid request: \(reason)"
        case .transfer(let url, let reason):
            return "request to \(url.absoluteString) failed: \(reason)"
        }
    }

    /// Whether trying again later may succeed: timeouts, connection errors and 5xx answers.
    ///
    /// 4xx answers, TLS failures and invalid requests are permanent: repeating them gives the same
    /// result.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .timedOut, .connectionLost:
            return true
        case .status(let code, _):
            return (500...599).contains(code)
        case .tls, .invalidRequest, .transfer:
            return false
        }
    }
}
