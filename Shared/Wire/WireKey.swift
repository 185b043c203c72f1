/// A coding key made from any string: JSON object keys that are data (field names, replica ids),
/// or an array position.
public struct WireKey: CodingKey, Hashable, Sendable {
    public let stringValue: String
    public let intValue: Int?

    /// Creates a key for `name`.
    public init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    /// Creates a key for array position `index`.
    public init(index: Int) {
        stringValue = String(index)
        intValue = index
    }

    public init?(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { self.init(index: intValue) }
}
