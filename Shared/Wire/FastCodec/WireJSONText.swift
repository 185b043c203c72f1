import Foundation

/// A small JSON document written by hand, byte for byte as ``WireCoding/encoder`` would write the
/// same value (see ``WireByteWriter`` for the spelling of strings and numbers): for callers
/// outside this module whose documents are written often enough that `JSONEncoder` shows, such
/// as the history row each save of a record appends on the server.
///
/// The caller writes keys in sorted order, as the encoder's `.sortedKeys` does.
public struct WireJSONText {
    private var writer: WireByteWriter

    /// An empty document with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        writer = WireByteWriter(capacity: capacity)
    }

    /// Appends punctuation or a key that needs no escaping, as it is.
    public mutating func raw(_ text: StaticString) {
        writer.append(raw: text)
    }

    /// Appends `text` as a quoted, escaped JSON string.
    public mutating func string(_ text: String) {
        writer.append(string: text)
    }

    /// Appends an unsigned integer in decimal.
    public mutating func unsigned(_ value: UInt64) {
        writer.append(unsigned: value)
    }

    /// The bytes written.
    public var data: Data { Data(writer.bytes) }
}
