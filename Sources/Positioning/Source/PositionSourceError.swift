/// Why a position source could not deliver.
public enum PositionSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A log or track file cannot be opened.
    case unreadable(path: String, reason: String)
    /// A GPX file is broken.
    case badGPX(path: String, GPXError)

    /// A sentence naming the file and the problem.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .badGPX(let path, let error): "\(path): \(error)"
        }
    }
}
