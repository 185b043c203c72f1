import Logging

/// Settings shared by every request an ``HTTPClient`` sends.
///
/// ## Proxies
///
/// When ``proxy`` is `nil` (the default) libcurl reads the usual environment variables itself:
/// `http_proxy` (lower case only: libcurl ignores upper-case `HTTP_PROXY` on purpose), `HTTPS_PROXY`
/// or `https_proxy`, `ALL_PROXY`, and `NO_PROXY` for hosts to reach directly. A tablet behind a
/// company proxy therefore needs no FieldAudit-specific setting. Set ``proxy`` only to override the
/// environment.
///
/// ## TLS
///
/// Certificates are always verified (peer and host name). To trust a private CA, e.g. a utility's
/// internal one, point ``caFile`` at its PEM bundle instead of turning verification off.
public struct HTTPClientConfiguration: Sendable {
    /// Time allowed to establish the connection (TCP and TLS) in one attempt. Default 10 s.
    public var connectTimeout: Duration
    /// Time allowed for one whole attempt, connection included. Default 60 s. A request can override
    /// it with ``HTTPRequest/timeout``.
    public var timeout: Duration
    /// Retry behaviour for requests that do not set ``HTTPRequest/retryPolicy``.
    public var retryPolicy: RetryPolicy
    /// Path of a PEM file of CA certificates to trust instead of the system bundle, or `nil` for the
    /// system bundle (libcurl's `CURLOPT_CAINFO`).
    public var caFile: String?
    /// A proxy URL such as `http://proxy.example:3128`, overriding the environment; `nil` (default)
    /// lets libcurl use the proxy environment variables; `""` disables proxies altogether.
    public var proxy: String?
    /// The largest answer body accepted, in bytes, after gzip decoding. An answer past it fails
    /// with ``TransportError/transfer(url:reason:)`` as soon as the limit is passed, so a "gzip
    /// bomb" from a hostile server costs at most this much memory. Default 512 MiB.
    public var maxResponseBytes: Int
    /// The `User-Agent` header sent with every request.
    public var userAgent: String
    /// Where retries (`.notice`), given-up requests (`.warning`) and each attempt (`.debug`) are logged.
    public var logger: Logger

    /// Creates a configuration; every parameter has a default suited to a terminal syncing over a
    /// mobile network.
    ///
    /// - Parameters:
    ///   - connectTimeout: Time to establish a connection. Default 10 s.
    ///   - timeout: Time for a whole attempt. Default 60 s.
    ///   - retryPolicy: Retry behaviour. Default ``RetryPolicy/default``.
    ///   - caFile: PEM bundle of trusted CAs, or `nil` for the system bundle.
    ///   - proxy: Proxy URL overriding the environment, or `nil` to honour the environment.
    ///   - maxResponseBytes: The largest (decoded) answer body accepted. Default 512 MiB.
    ///   - userAgent: The `User-Agent` header.
    ///   - logger: Logger for retries and failures. Default label `fieldaudit.transport`.
    public init(
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(60),
        retryPolicy: RetryPolicy = .default,
        caFile: String? = nil,
        proxy: String? = nil,
        maxResponseBytes: Int = 512 << 20,
        userAgent: String = "FieldAudit/1",
        logger: Logger = Logger(label: "fieldaudit.transport")
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.caFile = caFile
        self.proxy = proxy
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        self.logger = logger
    }
}
