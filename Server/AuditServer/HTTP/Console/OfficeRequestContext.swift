import Hummingbird

/// The context of console API routes behind a login: the session is known, so handlers never check for it.
public struct OfficeRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in office user's session.
    public let session: OfficeSession

    /// Takes the session from the parent context; a request without one is refused `401 login_required`.
    public init(context: DeviceRequestContext) throws {
        guard let session = context.office else { throw APIError.loginRequired }
        coreContext = context.coreContext
        self.session = session
    }
}
