import Foundation

/// Where Kannel's `sendsms` interface is and how FieldAudit uses it.
///
/// The values match a `sendsms-user` group of the Kannel configuration; `scripts/sms-gateway`
/// writes one (user `fieldaudit`, `max-messages = 10`, `concatenation = true`) and
/// `scripts/sms-gateway env DIR` prints its URL and password.
public struct KannelConfiguration: Sendable {
    /// smsbox's sendsms URL, e.g. `http://127.0.0.1:13013/cgi-bin/sendsms`.
    public var sendsmsURL: URL
    /// The `sendsms-user`'s `username`.
    public var username: String
    /// The `sendsms-user`'s `password`.
    public var password: String
    /// The sender number or name (`from`), or `nil` to leave it to Kannel (`global-sender`,
    /// `default-sender`, or the SMS centre's own).
    public var sender: String?
    /// Where Kannel should report delivery, e.g. `https://fieldaudit.example/sms/kannel/report`,
    /// or `nil` for no reports. Each message's report URL is this with the message's key and
    /// Kannel's escapes added (``DeliveryReport/callbackURL(base:key:secret:)``).
    public var deliveryReportURL: URL?
    /// The secret that signs each report URL's ``DeliveryReportToken`` (`FIELDAUDIT_SMS_SECRET`), so
    /// that the server takes reports from Kannel alone; `nil` for URLs without a token.
    public var deliveryReportSecret: Data?
    /// The reports asked for (`dlr-mask`), by default all five kinds (31).
    public var deliveryReportMask: Int
    /// The most messages one text may take: the `sendsms-user`'s `max-messages`. Kannel cuts off
    /// the rest of a longer text without a word, so the gateway refuses such a text instead.
    public var maximumParts: Int
    /// Time allowed to connect to smsbox.
    public var connectTimeout: Duration
    /// Time allowed for smsbox's answer, which it gives once bearerbox has stored the message.
    public var timeout: Duration

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - sendsmsURL: smsbox's sendsms URL.
    ///   - username: The sendsms user.
    ///   - password: Its password.
    ///   - sender: The `from` to send, or `nil`.
    ///   - deliveryReportURL: Where delivery reports go, or `nil` for none.
    ///   - deliveryReportSecret: The secret of the reports' tokens, or `nil` for none.
    ///   - deliveryReportMask: The report kinds asked for; all of them by default.
    ///   - maximumParts: The sendsms user's `max-messages`; 10 by default, as `scripts/sms-gateway` sets.
    ///   - connectTimeout: Time to connect; 5 s by default.
    ///   - timeout: Time for the whole request; 30 s by default.
    public init(
        sendsmsURL: URL,
        username: String,
        password: String,
        sender: String? = nil,
        deliveryReportURL: URL? = nil,
        deliveryReportSecret: Data? = nil,
        deliveryReportMask: Int = KannelDeliveryType.allMask,
        maximumParts: Int = 10,
        connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(30)
    ) {
        self.sendsmsURL = sendsmsURL
        self.username = username
        self.password = password
        self.sender = sender
        self.deliveryReportURL = deliveryReportURL
        self.deliveryReportSecret = deliveryReportSecret
        self.deliveryReportMask = deliveryReportMask
        self.maximumParts = max(1, maximumParts)
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
