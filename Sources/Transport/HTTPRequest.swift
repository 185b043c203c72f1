import Foundation

/// One HTTP request: method, URL, headers, optional body, and optional per-request overrides.
///
/// ```swift
/// var request = HTTPRequest(method: .get, url: server.appending(path: "sync/pull"))
/// request.headers["Authorization"] = "Bearer \(token)"
/// let response = try await client.send(request).checkSuccess()
/// ```
public struct HTTPRequest: Sendable, Hashable {
    /// The method; see ``HTTPMethod`` for which methods send a body.
    public var method: HTTPMethod
    /// An absolute `http` or `https` URL.
    public var url: URL
    /// Header fields to send in addition to those libcurl adds (`Host`, `Accept-Encoding`,
    /// `User-Agent`, `Content-Length`).
    public var headers: HTTPHeaders
    /// The request body, or `nil` for none.
    public var body: Data?
    /// Total time allowed for one attempt, overriding ``HTTPClientConfiguration/timeout``; use a
    /// longer value for long-poll requests.
    public var timeout: Duration?
    /// Retry behaviour for this request, overriding ``HTTPClientConfiguration/retryPolicy``; set
    /// ``RetryPolicy/none`` for a request that must not be repeated.
    public var retryPolicy: RetryPolicy?

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method; `GET` by default.
    ///   - url: An absolute `http` or `https` URL.
    ///   - headers: Header fields to send.
    ///   - body: The body bytes, or `nil`.
    ///   - timeout: Total time for one attempt, or `nil` for the client's ``HTTPClientConfiguration/timeout``.
    ///   - retryPolicy: Retry behaviour, or `nil` for the client's ``HTTPClientConfiguration/retryPolicy``.
    public init(
        method: HTTPMethod = .get,
        url: URL,
        headers: HTTPHeaders = [:],
        body: Data? = nil,
        timeout: Duration? = nil,
        retryPolicy: RetryPolicy? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.retryPolicy = retryPolicy
    }

    /// Creates a request whose body is `value` encoded as JSON, with `Content-Type: application/json`.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, e.g. `.post`.
    ///   - url: An absolute `http` or `https` URL.
    ///   - headers: Further header fields; a `Content-Type` given here is replaced.
    ///   - value: The value to encode.
    ///   - encoder: The encoder to use, for date or key strategies.
    /// - Throws: The encoder's error when `value` cannot be encoded.
    public init<Body: Encodable>(
        method: HTTPMethod,
        url: URL,
        headers: HTTPHeaders = [:],
        json value: Body,
        encoder: JSONEncoder = JSONEncoder()
    ) throws {
        self.init(method: method, url: url, headers: headers, body: try encoder.encode(value))
        self.headers["Content-Type"] = "application/json"
    }
}
