/// What became of one ``SMSGateway/send(_:)``.
public enum SMSSendResult: Sendable, Hashable, CustomStringConvertible {
    /// The provider took the message; it will send it (a delivery report may follow).
    /// `reply` is the provider's own words, e.g. Kannel's `0: Accepted for delivery`.
    case accepted(reply: String)
    /// The message did not go out, for a reason that may pass (the gateway is down, overloaded, or
    /// timed out): send the same message again later.
    case retryLater(reason: String)
    /// The provider (or the gateway, before sending) refused the message itself: sending it again
    /// gives the same answer. `reason` says why, e.g. `Kannel answered 403: Authorization failed for sendsms`.
    case refused(reason: String)

    /// Whether the provider took the message.
    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    /// One line a person can act on, e.g. `retry later: Kannel unreachable at http://…: connection refused`.
    public var description: String {
        switch self {
        case .accepted(let reply): return "accepted: \(reply)"
        case .retryLater(let reason): return "retry later: \(reason)"
        case .refused(let reason): return "refused: \(reason)"
        }
    }
}
