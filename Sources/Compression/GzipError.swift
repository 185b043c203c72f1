/// Why ``Gzip/decompress(_:limit:)`` or ``GzipInflater`` could not restore the original bytes.
public enum GzipError: Error, Equatable, CustomStringConvertible {
    /// The stream stopped before its end: the file or download was cut short.
    case truncated
    /// The bytes are not gzip, or they were damaged; the associated text is zlib's explanation
    /// (for example "incorrect header check" or "incorrect data check").
    case corrupt(String)
    /// The inflated bytes would pass the caller's limit (for example a "gzip bomb": a small body
    /// that inflates to gigabytes). Inflation stopped as soon as the output passed `limit` bytes.
    case tooLarge(limit: Int)

    /// A sentence a person can act on, for logs and error output.
    public var description: String {
        switch self {
        case .truncated:
            return "gzip data ends before the end of the stream (cut short?)"
        case .corrupt(let reason):
            return "gzip data is corrupt: \(reason)"
        case .tooLarge(let limit):
            return "gzip data inflates to more than \(limit) bytes"
        }
    }
}
