/// Where a sent message has got to, as delivery reports tell it.
public enum DeliveryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// On its way: the SMS centre has it (or has buffered it), the phone does not yet.
    case queued
    /// The phone has it.
    case delivered
    /// It will not arrive: the phone or the SMS centre refused it, or it expired.
    case failed
}
