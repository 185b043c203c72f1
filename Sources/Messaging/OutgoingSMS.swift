import Shared

/// One text message to send: to whom, what, in which language, and the key that names it.
public struct OutgoingSMS: Sendable, Hashable {
    /// A key that names this message for good, made from its cause (e.g. `wo-1042:assigned:3`):
    /// sending the same message again uses the same key, and delivery reports carry it back.
    ///
    /// ``KannelGateway`` puts it into Kannel's delivery-report URL (an ASCII key percent-encoded, any
    /// other as the hex of its UTF-8, see ``DeliveryReport/callbackURL(base:key:secret:)``), so there
    /// it must be 1 to 200 bytes of UTF-8; a longer or empty key is refused.
    public var key: String
    /// The recipient's mobile number.
    public var to: PhoneNumber
    /// The text as the recipient should read it. Its coding (GSM or UCS-2) and the number of
    /// messages it takes follow from its characters and length; see ``SMSSegments``.
    public var text: String
    /// The language the text is written in, for gateways and providers that want to know.
    public var language: Language

    /// Creates a message.
    ///
    /// - Parameters:
    ///   - key: The message's stable key (see ``key``).
    ///   - to: The recipient's number.
    ///   - text: The text.
    ///   - language: The language of `text`.
    public init(key: String, to: PhoneNumber, text: String, language: Language) {
        self.key = key
        self.to = to
        self.text = text
        self.language = language
    }

    /// Whether ``key`` fits where gateways carry it: 1 to 200 bytes of UTF-8 (a Chinese name in it
    /// is fine).
    public var hasPortableKey: Bool {
        (1...200).contains(key.utf8.count)
    }
}
