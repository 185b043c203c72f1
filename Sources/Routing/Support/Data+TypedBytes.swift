import Foundation

extension Data {
    /// `withUnsafeBytes` for a body with a typed error (Foundation's version rethrows `any Error`).
    func withBytes<T, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = withUnsafeBytes { bytes in Result { () throws(E) -> T in try body(bytes) } }
        return try result.get()
    }
}
