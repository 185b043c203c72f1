import Foundation

/// A delivery report Kannel fetched from the `dlr-url` ``KannelGateway`` gave it: which message,
/// and where it has got to.
///
/// ``KannelGateway`` asks for reports at ``callbackURL(base:key:secret:)``, a URL whose query carries the
/// message's key (`key=KEY`, or `key-hex=HEX` for a key that is not ASCII), its ``DeliveryReportToken``
/// and Kannel's escapes: `key=KEY&token=HEX&type=%d&reply=%A&at=%T`. Kannel fills in the escapes
/// and fetches it (a GET) once per report, typically twice per message: type 8 when the SMS centre
/// takes it, then type 1 when the phone has it. The server's handler parses the query:
///
/// ```swift
/// let report = try DeliveryReport(kannelQuery: request.uri.query ?? "")
/// guard DeliveryReportToken.isValid(report.token, key: report.key, secret: secret) else { … }
/// try store.recordDelivery(of: report.key, report.status, at: report.time)
/// ```
///
/// A message Kannel sent as concatenated parts gets reports for its first part only.
public struct DeliveryReport: Sendable, Hashable {
    /// The key of the message the report is about (``OutgoingSMS/key``).
    public let key: String
    /// Kannel's report kind (`%d`).
    public let type: KannelDeliveryType
    /// The SMS centre's reply as Kannel passed it on (`%A`), e.g. `ACK/`; empty when there was none.
    public let reply: String
    /// When Kannel made the report (`%T`, Unix time), or `nil` when the query had no time.
    public let time: Date?
    /// The ``DeliveryReportToken`` the URL carried, or `nil` when it had none.
    public let token: String?

    /// Where the message has got to: delivered, failed or still queued.
    public var status: DeliveryStatus { type.status }

    /// The names the callback URL's query uses.
    enum Parameter {
        static let key = "key", hexKey = "key-hex", type = "type", reply = "reply", time = "at", token = "token"
    }

    /// Parses the query string of Kannel's callback (without the `?`), form-encoded as Kannel
    /// writes it (`%XX` bytes, `+` for a space).
    ///
    /// - Throws: ``DeliveryReportError`` when the key or type is missing or the type is not one of
    ///   Kannel's (1, 2, 4, 8, 16).
    public init(kannelQuery: String) throws(DeliveryReportError) {
        var parameters: [String: String] = [:]
        for pair in kannelQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormEncoding.decode(parts[0])
            if parameters[name] == nil { parameters[name] = parts.count > 1 ? FormEncoding.decode(parts[1]) : "" }
        }
        try self.init(parameters: parameters)
    }

    /// Makes a report from the callback's query parameters, already decoded (as a web framework
    /// hands them over).
    ///
    /// - Throws: ``DeliveryReportError`` as for ``init(kannelQuery:)``.
    public init(parameters: [String: String]) throws(DeliveryReportError) {
        guard let key = parameters[Parameter.key].flatMap({ $0.isEmpty ? nil : $0 })
                ?? parameters[Parameter.hexKey].flatMap(Self.key(hex:)) else { throw .missing(Parameter.key) }
        guard let typeText = parameters[Parameter.type], !typeText.isEmpty else { throw .missing(Parameter.type) }
        guard let number = Int(typeText), let type = KannelDeliveryType(rawValue: number) else {
            throw .unknownType(typeText)
        }
        self.key = key
        self.type = type
        self.reply = parameters[Parameter.reply] ?? ""
        self.time = parameters[Parameter.time].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:))
        self.token = parameters[Parameter.token].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The `dlr-url` to give Kannel for the message `key`: `base` with `key=KEY&type=%d&reply=%A&at=%T`
    /// added to its query, and `token=HEX` after the key when a `secret` is given
    /// (``DeliveryReportToken``), so that the server can tell Kannel's reports from forged ones.
    ///
    /// Kannel replaces `%` and a letter it knows (`%d`, `%A`, `%B`, `%F` …) anywhere in the URL, so
    /// the key travels in one of two forms. An ASCII key is percent-encoded with upper-case hex as
    /// `key=…`: its escapes (`%00`–`%7F`) all start with a digit. Any other key (an auditor's
    /// Chinese name in it, whose UTF-8 bytes would be escapes such as `%E7` or `%A6`) travels as
    /// `key-hex=…`, the hex of its UTF-8 bytes, with no `%` at all. Either way the report names the
    /// same key, which stays as its cause made it.
    public static func callbackURL(base: URL, key: String, secret: Data? = nil) -> String {
        let separator = base.query == nil ? "?" : "&"
        let token = secret.map { "&\(Parameter.token)=\(DeliveryReportToken.token(for: key, secret: $0))" } ?? ""
        let named = key.utf8.allSatisfy { $0 < 0x80 }
            ? "\(Parameter.key)=\(FormEncoding.encode(key))"
            : "\(Parameter.hexKey)=\(key.utf8.map { String(format: "%02X", $0) }.joined())"
        return base.absoluteString + separator
            + "\(named)\(token)&\(Parameter.type)=%d&\(Parameter.reply)=%A&\(Parameter.time)=%T"
    }

    /// The key a `key-hex` parameter carries: its hex decoded as UTF-8, or `nil` when it is not
    /// even-length hex of valid UTF-8.
    static func key(hex: String) -> String? {
        guard !hex.isEmpty, let bytes = HexBytes.decode(hex) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
