import Foundation

/// One enrolled tablet as the office lists it: the device, its last refused push and how many
/// evidence signing keys it registered. `audit-server device list` prints these; the console's
/// devices page shows the same.
public struct DeviceListing: Encodable, Sendable {
    public var device: EnrolledDevice
    public var lastRefusal: DeviceRegistry.Refusal?
    public var keys: Int

    enum CodingKeys: String, CodingKey { case lastRefusal = "last_refusal", keys }

    public func encode(to encoder: any Encoder) throws {
        try device.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastRefusal, forKey: .lastRefusal)
        try container.encode(keys, forKey: .keys)
    }
}

extension DeviceRegistry {
    /// Every enrolled tablet with its last refused push and key count.
    public func listing() throws -> [DeviceListing] {
        let refusals = try lastRefusals()
        let keys = try keyCounts()
        return try list().map { DeviceListing(device: $0, lastRefusal: refusals[$0.name], keys: keys[$0.name] ?? 0) }
    }
}
