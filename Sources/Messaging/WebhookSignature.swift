import Crypto
import Foundation

/// The `X-FieldAudit-Signature` header of a web hook request: `sha256=` and the lower-case hex
/// HMAC-SHA256 of the request's exact body bytes, keyed with the shared secret.
///
/// A provider checks it before trusting a message:
///
/// ```swift
/// guard WebhookSignature.isValid(request.headers["X-FieldAudit-Signature"], body: body, secret: secret) else {
///     return .unauthorized
/// }
/// ```
public enum WebhookSignature {
    /// The header's name.
    public static let headerName = "X-FieldAudit-Signature"

    /// The header's value for `body`: `sha256=` and 64 lower-case hex digits.
    public static func value(body: Data, secret: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `header` is the right signature of `body`, compared in constant time.
    ///
    /// - Parameters:
    ///   - header: The received header value, or `nil` when the header was missing (never valid).
    ///   - body: The received body, byte for byte.
    ///   - secret: The shared secret.
    public static func isValid(_ header: String?, body: Data, secret: Data) -> Bool {
        guard let header, header.hasPrefix("sha256="), let code = HexBytes.decode(header.dropFirst("sha256=".count)) else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: SymmetricKey(data: secret))
    }
}
