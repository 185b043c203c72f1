import Foundation
import Shared

/// The public signing keys of devices (table `device_keys`): one per evidence chain.
///
/// A tablet makes an Ed25519 key at enrolment and a new one whenever it starts a new chain (a
/// restored home); it registers each with `POST /v1/device/key`. Keys are never removed, so the
/// chains they signed stay verifiable.
extension DeviceRegistry {
    /// A device's registered key, the answer of `POST /v1/device/key`.
    public struct RegisteredKey: Hashable, Sendable, Codable {
        public var device: String
        public var publicKey: String

        enum CodingKeys: String, CodingKey {
            case device
            case publicKey = "public_key"
        }
    }

    /// The body of `POST /v1/device/key`.
    struct KeyRegistration: Decodable {
        var publicKey: String
        enum CodingKeys: String, CodingKey { case publicKey = "public_key" }
    }

    /// Whether `key` is the base64 of 32 bytes (an Ed25519 public key).
    static func isWellFormedKey(_ key: String) -> Bool {
        key.count == 44 && Data(base64Encoded: key)?.count == 32
    }

    /// Registers `publicKey` for `device`. Idempotent; a key registered to another device is
    /// refused (409 `key_taken`), a malformed one with 400 `bad_key`.
    public func register(publicKey: String, for device: EnrolledDevice) async throws -> RegisteredKey {
        guard Self.isWellFormedKey(publicKey) else {
            throw APIError(status: 400, code: "bad_key", detail: "public_key: must be the base64 of a 32-byte Ed25519 public key (44 characters); nothing was written")
        }
        return try await database.write { db in
            if let owner = try db.value(String.self, "SELECT device FROM device_keys WHERE public_key = ?", [publicKey]) {
                guard owner == device.name else {
                    throw APIError(status: 409, code: "key_taken", detail: "public_key: already registered to another device; make a new key")
                }
                return RegisteredKey(device: device.name, publicKey: publicKey)
            }
            try db.execute("INSERT INTO device_keys (device, public_key, registered_at_ms) VALUES (?, ?, ?)", [device.name, publicKey, Int64(HybridLogicalClock.wallClockMilliseconds())])
            return RegisteredKey(device: device.name, publicKey: publicKey)
        }
    }

    /// Reads and registers the body of `POST /v1/device/key`.
    func register(body: Data, for device: EnrolledDevice) async throws -> RegisteredKey {
        let registration: KeyRegistration
        do { registration = try JSONDecoder().decode(KeyRegistration.self, from: body) } catch {
            throw APIError(status: 400, code: "bad_key", detail: "the body must be {\"public_key\": \"<base64 of 32 bytes>\"}; nothing was written")
        }
        return try await register(publicKey: registration.publicKey, for: device)
    }

    /// The device `publicKey` is registered to, inside a transaction.
    static func keyOwner(_ publicKey: String, in db: any StoreConnection) throws -> String? {
        try db.value(String.self, "SELECT device FROM device_keys WHERE public_key = ?", [publicKey])
    }

    /// The keys registered to `device`, oldest first.
    static func keys(of device: String, in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, "SELECT public_key FROM device_keys WHERE device = ? ORDER BY registered_at_ms, public_key", [device])
    }

    /// The keys registered to `device`, oldest first.
    public func keys(of device: String) throws -> [String] {
        try database.read { db in try Self.keys(of: device, in: db) }
    }

    /// How many keys each device has registered, by device name.
    public func keyCounts() throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for row in try db.rows("SELECT device, COUNT(*) FROM device_keys GROUP BY device") {
                counts[row[0] as String] = row[1]
            }
            return counts
        }
    }
}
