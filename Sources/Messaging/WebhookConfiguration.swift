import Foundation

/// Where a provider's web hook is and the secret both sides sign with.
public struct WebhookConfiguration: Sendable {
    /// The URL messages are posted to.
    public var url: URL
    /// The shared secret of the HMAC-SHA256 signature (``WebhookSignature``).
    public var secret: Data
    /// Time allowed to connect.
    public var connectTimeout: Duration
    /// Time allowed for the provider's answer; a slower answer is "retry later".
    public var timeout: Duration

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - url: The web hook's URL.
    ///   - secret: The shared secret, as agreed with the provider.
    ///   - connectTimeout: Time to connect; 5 s by default.
    ///   - timeout: Time for the whole request; 30 s by default.
    public init(url: URL, secret: Data, connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(30)) {
        self.url = url
        self.secret = secret
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Creates a configuration whose secret is the UTF-8 bytes of `secret`.
    public init(url: URL, secret: String, connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(30)) {
        self.init(url: url, secret: Data(secret.utf8), connectTimeout: connectTimeout, timeout: timeout)
    }
}
