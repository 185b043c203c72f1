/// A way to hand text messages to an SMS provider: Kannel (``KannelGateway``), a provider's web
/// hook (``WebhookGateway``), or a fake in tests.
///
/// A gateway sends one message per call and says what became of it, so the caller (the reminder
/// outbox) knows whether to mark the message sent, to try again later, or to give it up:
///
/// ```swift
/// let message = try OutgoingSMS(key: "wo-1042:assigned:3", to: PhoneNumber("+8613800138000"),
///                               text: "新的紧急工单：请今天完成", language: .simplifiedChinese)
/// switch await gateway.send(message) {
/// case .accepted: markSent(message.key)
/// case .retryLater(let reason): scheduleRetry(message.key, because: reason)
/// case .refused(let reason): giveUp(message.key, because: reason)
/// }
/// ```
///
/// Gateways never throw: every failure is one of the two outcomes above. A gateway that cannot be
/// reached, times out or is overloaded answers ``SMSSendResult/retryLater(reason:)``, so an
/// outage delays messages and never drops them; only an answer that says the message itself is
/// wrong (a 4xx, a text too long to send) is ``SMSSendResult/refused(reason:)``.
///
/// Delivery is at least once: when a gateway accepted a message but its answer was lost, the
/// caller sees "retry later" and the message may reach the phone twice. The message's
/// ``OutgoingSMS/key`` travels with it (in Kannel's delivery-report URL, in the web hook's body) so
/// that reports and duplicates can be matched to it.
public protocol SMSGateway: Sendable {
    /// Hands `message` to the provider.
    ///
    /// - Parameter message: The message, its key and its recipient.
    /// - Returns: Whether the provider took it, asks to be tried again later, or refused it for good.
    func send(_ message: OutgoingSMS) async -> SMSSendResult
}
