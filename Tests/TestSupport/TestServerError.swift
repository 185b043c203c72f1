#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket call failed while setting up a test server or probing for a port.
public enum TestServerError: Error, CustomStringConvertible {
    /// The named call failed with the given `errno`.
    case system(String, Int32)

    /// The failed call and the system's explanation, e.g. "bind 127.0.0.1:0 failed: Address in use".
    public var description: String {
        switch self {
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
