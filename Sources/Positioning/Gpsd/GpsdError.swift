/// Why a connection to gpsd failed or ended.
public enum GpsdError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The host name cannot be resolved.
    case unresolvable(host: String, reason: String)
    /// Nothing answered at the address, or connecting timed out.
    case connectFailed(address: String, reason: String)
    /// gpsd closed the connection.
    case closed(address: String)
    /// Reading or writing failed.
    case io(address: String, reason: String)

    /// A sentence naming the address and the reason.
    public var description: String {
        switch self {
        case .unresolvable(let host, let reason): "cannot resolve gpsd host \(host): \(reason)"
        case .connectFailed(let address, let reason): "cannot connect to gpsd at \(address): \(reason)"
        case .closed(let address): "gpsd at \(address) closed the connection"
        case .io(let address, let reason): "gpsd at \(address): \(reason)"
        }
    }
}
