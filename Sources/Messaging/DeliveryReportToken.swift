import Crypto
import Foundation

/// The token that proves a delivery report came from the gateway FieldAudit gave the report URL
/// to, not from a stranger who guessed a message's key.
///
/// ``KannelGateway`` puts `token=…` beside `key=…` in each message's `dlr-url`
/// (``DeliveryReport/callbackURL(base:key:secret:)``); Kannel fetches that URL as it is, so the
/// token comes back with the report. The server recomputes it from the key and the shared secret
/// (`FIELDAUDIT_SMS_SECRET`) and takes the report only when both agree:
///
/// ```swift
/// let report = try DeliveryReport(kannelQuery: query)
/// guard DeliveryReportToken.isValid(report.token, key: report.key, secret: secret) else { return .unauthorized }
/// ```
///
/// The token is the lower-case hex HMAC-SHA256 of `fieldaudit-dlr:` and the key: hex digits are
/// safe in Kannel's URL (none of its `%` escapes), and without the secret no token can be made
/// for another key.
public enum DeliveryReportToken {
    /// The token of the message `key`: 64 lower-case hex digits.
    public static func token(for key: String, secret: Data) -> String {
        HMAC<SHA256>.authenticationCode(for: message(key), using: SymmetricKey(data: secret)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `token` is the token of `key`, compared in constant time.
    ///
    /// - Parameters:
    ///   - token: The token the report carried, or `nil` when it had none (never valid).
    ///   - key: The message key the report names.
    ///   - secret: The shared secret; an empty secret makes every token invalid.
    public static func isValid(_ token: String?, key: String, secret: Data) -> Bool {
        guard !secret.isEmpty, let token, let code = HexBytes.decode(token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message(key), using: SymmetricKey(data: secret))
    }

    private static func message(_ key: String) -> Data { Data("fieldaudit-dlr:\(key)".utf8) }
}
