import Foundation

/// One row a query returned: its values by column position, and the column names.
public struct StoreRow: Sendable {
    /// The column names, in order.
    public let columns: [String]
    /// The values, in column order.
    public let values: [StoreValue]

    /// A row of `values` under `columns`.
    public init(columns: [String], values: [StoreValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at `index` as `T`; a value of another type is a programming error in the SQL and traps.
    public subscript<T: StoreValueConvertible>(_ index: Int) -> T {
        guard let value = T(storeValue: values[index]) else {
            preconditionFailure("column \(index) (\(columns[index])) holds \(values[index]), not \(T.self)")
        }
        return value
    }

    /// The value of the column named `name` as `T`; traps like ``subscript(_:)-(Int)``.
    public subscript<T: StoreValueConvertible>(_ name: String) -> T {
        guard let index = columns.firstIndex(of: name) else { preconditionFailure("no column \(name) in \(columns)") }
        return self[index]
    }

    /// The value at `index` as `T`, or a ``StoreError`` saying why not.
    public func decode<T: StoreValueConvertible>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard index < values.count else { throw StoreError("no column \(index) in \(columns)") }
        guard let value = T(storeValue: values[index]) else {
            throw StoreError("column \(index) (\(columns[index])) holds \(values[index]), not \(T.self)")
        }
        return value
    }
}

extension StoreRow: CustomStringConvertible {
    /// `[name:value …]`, blobs in hex, for dumps in tests.
    public var description: String {
        "[" + zip(columns, values).map { name, value in
            switch value {
            case .null: "\(name):NULL"
            case .integer(let number): "\(name):\(number)"
            case .real(let number): "\(name):\(number)"
            case .text(let text): "\(name):\(text.debugDescription)"
            case .blob(let data): "\(name):x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
            }
        }.joined(separator: " ") + "]"
    }
}

/// An error of the store itself (not of the data): unreachable, a failed statement, a bad URL.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
