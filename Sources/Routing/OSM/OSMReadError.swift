/// Why an OpenStreetMap file could not be read: the file, the byte offset where the problem was found,
/// and what is wrong there.
public struct OSMReadError: Error, Equatable, CustomStringConvertible {
    /// The file's path (or a label for in-memory data).
    public var file: String
    /// The byte offset in the file (for PBF: of the blob or field being decoded; for gzip: of the
    /// decompressed XML text).
    public var offset: Int
    /// What is wrong, in words.
    public var reason: String

    /// Creates an error.
    public init(file: String, offset: Int, reason: String) {
        self.file = file
        self.offset = offset
        self.reason = reason
    }

    /// "FILE: at byte N: reason".
    public var description: String { "\(file): at byte \(offset): \(reason)" }
}
