import Crypto
import Foundation

/// Office users and their sessions, kept in the store so that every node knows them.
///
/// Session tokens are 256 random bits; the store keeps only their SHA-256, so a copy of the
/// database opens no session. A session lasts ``sessionLifetime`` from login, or until logout.
public struct OfficeAccounts: Sendable {
    let database: any ServerStore
    let hasher: PasswordHasher
    /// How long a session lasts after login: one working day.
    public static let sessionLifetime: Int64 = 12 * 3_600_000

    public init(database: any ServerStore, hasher: PasswordHasher = PasswordHasher()) {
        self.database = database
        self.hasher = hasher
    }

    /// Why an account operation was refused.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case invalidName(String)
        case shortPassword
        case exists(String)
        case unknown(String)
        /// A wrong user or password: deliberately not saying which.
        case wrongCredentials
        /// Too many failed logins: wait this many seconds.
        case throttled(seconds: Int64)

        public var description: String {
            switch self {
            case .invalidName(let name): "not a user name: \(name) (lower-case letters, digits, '.', '_' and '-', at most 64)"
            case .shortPassword: "a password needs at least \(PasswordHasher.minimumLength) characters"
            case .exists(let name): "user \(name) exists already"
            case .unknown(let name): "no user \(name)"
            case .wrongCredentials: "wrong user name or password"
            case .throttled(let seconds): "too many failed logins: try again in \(seconds) s"
            }
        }
    }

    /// Adds a user with `role` and `password`.
    public func add(_ name: String, role: OfficeRole, password: String) throws {
        guard OfficeUser.isValidName(name) else { throw Refusal.invalidName(name) }
        guard password.count >= PasswordHasher.minimumLength else { throw Refusal.shortPassword }
        let hash = try hasher.hash(password)
        try database.write { db in
            guard try !db.exists("SELECT 1 FROM office_users WHERE name = ?", [name]) else { throw Refusal.exists(name) }
            try db.execute("INSERT INTO office_users (name, role, password_hash, created_at_ms) VALUES (?, ?, ?, ?)",
                           [name, role.rawValue, hash, Self.now()])
        }
    }

    /// Every user, by name.
    public func list() throws -> [OfficeUser] {
        try database.read { db in
            try db.rows("SELECT name, role, disabled_at_ms FROM office_users ORDER BY name").map(Self.user)
        }
    }

    /// Disables `name` and ends its sessions.
    public func disable(_ name: String) throws {
        try database.write { db in
            guard try db.execute("UPDATE office_users SET disabled_at_ms = ? WHERE name = ? AND disabled_at_ms IS NULL", [Self.now(), name]) > 0
                    || db.exists("SELECT 1 FROM office_users WHERE name = ?", [name]) else { throw Refusal.unknown(name) }
            try db.execute("DELETE FROM office_sessions WHERE user_name = ?", [name])
        }
    }

    /// Checks `password` for `name` (throttled per name and per `address`) and opens a session.
    /// - Returns: the session's cookie token (never stored) and the session.
    public func logIn(_ name: String, password: String, address: String?) throws -> (token: String, session: OfficeSession) {
        let subjects = LoginThrottle.subjects(user: name, address: address)
        let now = Self.now()
        let (wait, stored) = try database.read { db in
            (try LoginThrottle.wait(for: subjects, now: now, in: db),
             try db.row("SELECT name, role, disabled_at_ms, password_hash FROM office_users WHERE name = ?", [name]))
        }
        guard wait == 0 else { throw Refusal.throttled(seconds: (wait + 999) / 1000) }
        // An unknown name costs the same scrypt as a known one, so timing does not tell them apart.
        let hash = try stored?.decode(String.self, at: 3) ?? Self.decoyHash
        let matches = hasher.verify(password, against: hash)
        guard let stored, matches, let user = try? Self.user(stored), user.disabledAtMilliseconds == nil else {
            try database.write { db in try LoginThrottle.fail(subjects, now: now, in: db) }
            throw Refusal.wrongCredentials
        }
        let token = Self.randomToken()
        let session = OfficeSession(user: user, csrfToken: Self.randomToken(), expiresAtMilliseconds: now + Self.sessionLifetime)
        try database.write { db in
            try LoginThrottle.succeed(user: name, in: db)
            try db.execute("DELETE FROM office_sessions WHERE expires_at_ms < ?", [now])
            try db.execute("""
                INSERT INTO office_sessions (token_hash, user_name, csrf_token, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)
                """, [Self.digest(token), name, session.csrfToken, now, session.expiresAtMilliseconds])
        }
        return (token, session)
    }

    /// The live session of `token`, `nil` when unknown, expired or its user disabled.
    public func session(token: String) async throws -> OfficeSession? {
        let now = Self.now()
        let digest = Self.digest(token)
        return try await database.read { db in
            guard let row = try db.row("""
                SELECT u.name, u.role, u.disabled_at_ms, s.csrf_token, s.expires_at_ms FROM office_sessions s
                JOIN office_users u ON u.name = s.user_name WHERE s.token_hash = ? AND s.expires_at_ms > ?
                """, [digest, now]) else { return nil }
            let user = try Self.user(row)
            guard user.disabledAtMilliseconds == nil else { return nil }
            return OfficeSession(user: user, csrfToken: try row.decode(at: 3), expiresAtMilliseconds: try row.decode(at: 4))
        }
    }

    /// Ends the session of `token`.
    public func logOut(token: String) async throws {
        let digest = Self.digest(token)
        try await database.write { db in try db.execute("DELETE FROM office_sessions WHERE token_hash = ?", [digest]) }
    }

    static func user(_ row: StoreRow) throws -> OfficeUser {
        let roleName: String = try row.decode(at: 1)
        guard let role = OfficeRole(rawValue: roleName) else { throw StoreError("office user with unknown role \(roleName)") }
        return OfficeUser(name: try row.decode(at: 0), role: role, disabledAtMilliseconds: try row.decode(Int64?.self, at: 2))
    }

    /// A hash no password matches, checked for unknown names.
    static let decoyHash = (try? PasswordHasher().hash(UUID().uuidString + UUID().uuidString)) ?? ""

    static func randomToken() -> String {
        Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
