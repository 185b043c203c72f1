import Crypto
import Foundation
import Shared

/// An enrolled tablet: its name, the auditor who carries it, and its replica id.
public struct EnrolledDevice: Hashable, Sendable, Codable {
    public var name: String
    public var auditor: String
    public var replica: ReplicaID
    /// When it was enrolled, milliseconds since 1970.
    public var enrolledAt: Int64
    /// When it was revoked, if it was.
    public var revokedAt: Int64?
    /// When it last called the server (a pull, a push, a packet), to within ``DeviceActivity/interval``.
    public var lastSeenAt: Int64? = nil

    enum CodingKeys: String, CodingKey {
        case name, auditor, replica
        case enrolledAt = "enrolled_at_ms"
        case revokedAt = "revoked_at_ms"
        case lastSeenAt = "last_seen_ms"
    }
}

/// Enrolment, revocation and token checks. Only a SHA-256 hash of each token is stored.
public struct DeviceRegistry: Sendable {
    let database: any ServerStore

    /// Works on the server database `database`.
    public init(database: any ServerStore) { self.database = database }

    /// Enrols a device for `auditor` and returns it with its new token, shown once and never stored.
    ///
    /// A name enrolled before may be enrolled again once revoked, or at once with `replacing`
    /// (a lost or broken tablet: the old token stops working). Either way the device gets a
    /// replica id never issued before (`t-NAME.2`, …), so the new tablet's writes can never be
    /// taken for the old one's.
    public func enroll(name: String, auditor: String, replacing: Bool = false) throws -> (device: EnrolledDevice, token: String) {
        do { _ = try ReplicaID.terminal(name) } catch {
            throw APIError(status: 400, code: "bad_name", detail: "device name: must be 1 to 62 characters from a-z, 0-9, '.', '_' and '-'")
        }
        guard !auditor.isEmpty, auditor.count <= 64 else {
            throw APIError(status: 400, code: "bad_auditor", detail: "auditor: must be 1 to 64 characters")
        }
        let token = Self.newToken()
        let enrolledAt = Int64(HybridLogicalClock.wallClockMilliseconds())
        let replica = try database.write { db in
            let revokedAt = try db.row("SELECT revoked_at_ms FROM devices WHERE name = ?", [name])
                .map { $0[0] as Int64? }
            if case .some(.none) = revokedAt, !replacing {
                throw APIError(status: 409, code: "device_exists",
                               detail: "a device named \(name) is already enrolled; revoke it, enrol it again with --replace (a lost tablet), or pick another name")
            }
            let replica = try Self.issueReplica(to: name, in: db)
            try db.execute("""
                INSERT INTO devices (name, auditor, replica, token_hash, enrolled_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (name) DO UPDATE SET auditor = ?2, replica = ?3, token_hash = ?4, enrolled_at_ms = ?5, revoked_at_ms = NULL
                """, [name, auditor, replica.rawValue, Self.hash(token), enrolledAt])
            return replica
        }
        return (EnrolledDevice(name: name, auditor: auditor, replica: replica, enrolledAt: enrolledAt, revokedAt: nil), token)
    }

    /// Every device ever enrolled, by name.
    public func list() throws -> [EnrolledDevice] {
        try database.read { db in
            try db.rows("SELECT \(Self.columns) FROM devices ORDER BY name").map(Self.device)
        }
    }

    /// The device called `name`, revoked or not.
    public func device(named name: String) throws -> EnrolledDevice? {
        try database.read { db in
            try db.row("SELECT \(Self.columns) FROM devices WHERE name = ?", [name]).map(Self.device)
        }
    }

    /// Revokes a device: its token stops working at once. Its past edits stay.
    public func revoke(name: String) throws {
        try database.write { db in
            let revoked = try db.execute("UPDATE devices SET revoked_at_ms = ? WHERE name = ? AND revoked_at_ms IS NULL",
                                         [Int64(HybridLogicalClock.wallClockMilliseconds()), name])
            guard revoked == 1 else {
                throw APIError.notFound("no enrolled, unrevoked device named \(name)")
            }
        }
    }

    /// The device a bearer token belongs to, or an error saying why it is refused.
    ///
    /// Asynchronous on purpose: a blocking read on a cooperative thread, with every reader busy,
    /// would starve the very tasks that release the readers.
    public func authenticate(authorization: String?) async throws(APIError) -> EnrolledDevice {
        guard let authorization, authorization.hasPrefix("Bearer ") else { throw .missingToken }
        let token = authorization.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        let device: EnrolledDevice?
        do {
            device = try await database.read { db in
                try db.row("""
                    SELECT \(Self.columns) FROM devices
                    WHERE token_hash = ? AND revoked_at_ms IS NULL
                    """, [Self.hash(token)]).map(Self.device)
            }
        } catch {
            throw APIError(status: 503, code: "store_unavailable", detail: "could not read the device table: \(error)")
        }
        guard let device else { throw .tokenRejected }
        return device
    }

    /// The columns ``device(_:)`` reads, in its order.
    static let columns = "name, auditor, replica, enrolled_at_ms, revoked_at_ms, last_seen_ms"

    static func device(_ row: StoreRow) throws -> EnrolledDevice {
        EnrolledDevice(name: row[0], auditor: row[1], replica: try ReplicaID(validating: row[2]), enrolledAt: row[3], revokedAt: row[4],
                       lastSeenAt: row[5])
    }

    /// Notes that device `name` called at `milliseconds` (``DeviceActivity`` decides how often).
    func noteSeen(_ name: String, at milliseconds: Int64) async throws {
        try await database.write { db in
            _ = try db.execute("UPDATE devices SET last_seen_ms = ? WHERE name = ? AND (last_seen_ms IS NULL OR last_seen_ms < ?)",
                               [milliseconds, name, milliseconds])
        }
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
