/// An office user: a dispatcher, supervisor or admin who works in the console.
public struct OfficeUser: Codable, Sendable, Equatable {
    /// The login name: lower-case letters, digits, `.`, `_` and `-`, 1 to 64 of them.
    public var name: String
    public var role: OfficeRole
    /// When the user was disabled (milliseconds since 1970); a disabled user cannot log in.
    public var disabledAtMilliseconds: Int64?

    enum CodingKeys: String, CodingKey { case name, role, disabledAtMilliseconds = "disabled_at_ms" }

    /// Whether `name` is a valid login name.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }
    }
}

/// A logged-in office user's session, found by the cookie's token.
public struct OfficeSession: Sendable, Equatable {
    public var user: OfficeUser
    /// The token every write must echo in the `X-CSRF-Token` header.
    public var csrfToken: String
    public var expiresAtMilliseconds: Int64
}
