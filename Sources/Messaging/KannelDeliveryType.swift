/// The kinds of delivery report Kannel sends (its `%d` escape in a `dlr-url`), which are also the
/// bits of `dlr-mask` that ask for them.
public enum KannelDeliveryType: Int, Sendable, Hashable, CaseIterable {
    /// 1: delivered to the phone.
    case delivered = 1
    /// 2: not delivered to the phone.
    case undelivered = 2
    /// 4: queued on the SMS centre (buffered, e.g. the phone is off).
    case buffered = 4
    /// 8: the SMS centre accepted the message.
    case smscAccepted = 8
    /// 16: the SMS centre rejected the message.
    case smscRejected = 16

    /// What this report means for the message: 1 delivered; 2 and 16 failed; 4 and 8 queued.
    public var status: DeliveryStatus {
        switch self {
        case .delivered: return .delivered
        case .undelivered, .smscRejected: return .failed
        case .buffered, .smscAccepted: return .queued
        }
    }

    /// Every kind at once: the `dlr-mask` FieldAudit sends (31).
    public static let allMask = allCases.reduce(0) { $0 | $1.rawValue }
}
