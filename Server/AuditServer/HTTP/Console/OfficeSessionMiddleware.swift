import Foundation
import Hummingbird

/// Finds the console session of the request's cookie and guards every write with its CSRF token.
///
/// A request without a live session is refused `401 login_required`. A request that is not a
/// GET or HEAD must carry the session's token in `X-CSRF-Token`, or is refused `403 csrf_rejected`:
/// a page of another site cannot read the token, so it cannot forge a write, even if the browser
/// sent the cookie (which SameSite=Strict already prevents).
struct OfficeSessionMiddleware: RouterMiddleware {
    let accounts: OfficeAccounts

    func handle(_ request: Request, context: DeviceRequestContext,
                next: (Request, DeviceRequestContext) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[ConsoleCookie.name]?.value, let session = try await accounts.session(token: token) else {
            throw APIError.loginRequired
        }
        if request.method != .get && request.method != .head {
            let sent = request.headers[HTTPFields.Element.Name("X-CSRF-Token")!] ?? ""
            guard ConsoleCookie.constantTimeEqual(sent, session.csrfToken) else { throw APIError.csrfRejected }
        }
        var context = context
        context.office = session
        return try await next(request, context)
    }
}

/// Refuses what the session's role may not do: writes of audit data by a supervisor
/// (`403 read_only_role`), anything about users and devices by all but an admin (`403 admin_only`).
struct OfficeRoleMiddleware: RouterMiddleware {
    typealias Context = OfficeRequestContext
    /// What the routes behind it need.
    enum Need: Sendable { case auditDataWrites, accountManagement }
    let need: Need

    func handle(_ request: Request, context: OfficeRequestContext,
                next: (Request, OfficeRequestContext) async throws -> Response) async throws -> Response {
        let role = context.session.user.role
        switch need {
        case .auditDataWrites:
            guard request.method == .get || request.method == .head || role.writesAuditData else {
                throw APIError(status: 403, code: "read_only_role", detail: "a \(role.rawValue) reads and changes nothing")
            }
        case .accountManagement:
            guard role.managesAccounts else {
                throw APIError(status: 403, code: "admin_only", detail: "only an admin manages devices and users")
            }
        }
        return try await next(request, context)
    }
}

/// The console's session cookie.
enum ConsoleCookie {
    static let name = "fa_session"

    /// The cookie carrying `token`: HttpOnly, SameSite=Strict, for the console's paths only, Secure under TLS.
    static func session(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: Int(OfficeAccounts.sessionLifetime / 1000), path: "/console",
               secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that makes the browser forget the session.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/console", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        return x.count == y.count && zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
