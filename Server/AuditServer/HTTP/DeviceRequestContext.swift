import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the device the request
/// authenticated as, set by ``DeviceAuthenticator`` on the `/v1` group.
public struct DeviceRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, route parameters, matched endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The enrolled device whose token came with the request; `nil` until authenticated.
    public var device: EnrolledDevice?
    /// The office user's console session, set by ``OfficeSessionMiddleware`` under `/console/api`.
    public var office: OfficeSession?
    /// The peer's IP address (the load balancer's, behind one), for the login throttle.
    public let remoteAddress: String?

    /// Creates the context of a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        device = nil
        office = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// The context of routes under `/v1`: the device is known, so handlers never check for it.
///
/// Made from a ``DeviceRequestContext`` once ``DeviceAuthenticator`` has run; a request that
/// reaches it without a device (a wiring mistake) is refused with `401 token_missing`.
public struct AuthenticatedDeviceContext: ChildRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The device the request authenticated as.
    public let device: EnrolledDevice

    /// Takes the authenticated device from the parent context.
    public init(context: DeviceRequestContext) throws {
        guard let device = context.device else { throw APIError.missingToken }
        coreContext = context.coreContext
        self.device = device
    }
}
