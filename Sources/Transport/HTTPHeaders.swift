/// An ordered list of HTTP header fields with case-insensitive lookup by name.
///
/// Order and repeated names are kept as given or received. Create one from a dictionary literal:
///
/// ```swift
/// let headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
/// ```
public struct HTTPHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence, CustomStringConvertible {
    /// One header field: a name and its value, without the separating colon.
    public struct Field: Sendable, Hashable {
        /// The field name as written, e.g. `"Content-Type"`.
        public var name: String
        /// The field value, without surrounding whitespace.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// All fields in order.
    public private(set) var fields: [Field]

    /// Creates headers from fields in the given order.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Creates headers from a literal such as `["Accept": "application/json"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The value of the first field called `name` (compared case-insensitively), or `nil`.
    ///
    /// Setting replaces every field of that name with one field at the position of the first one
    /// (or at the end); setting `nil` removes them all.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set {
            let key = name.lowercased()
            let position = fields.firstIndex { $0.name.lowercased() == key }
            fields.removeAll { $0.name.lowercased() == key }
            guard let newValue else { return }
            fields.insert(Field(name: name, value: newValue), at: Swift.min(position ?? fields.count, fields.count))
        }
    }

    /// Every value of the fields called `name` (compared case-insensitively), in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// Appends a field, keeping any existing fields of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Whether there is at least one field called `name` (compared case-insensitively).
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// The fields as `Name: value` lines.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
