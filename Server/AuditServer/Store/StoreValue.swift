import Foundation

/// One value read from or bound into the store, in the handful of types both stores share.
///
/// SQLite and PostgreSQL both map onto these: `INTEGER`/`BIGINT`, `REAL`/`DOUBLE PRECISION`,
/// `TEXT`, `BLOB`/`BYTEA` and `NULL`. Booleans are integers 0 and 1 in both.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift type that converts to and from a ``StoreValue``: the types the server's SQL reads and binds.
public protocol StoreValueConvertible: Sendable {
    /// The value to bind.
    var storeValue: StoreValue { get }
    /// The Swift value of a stored one, `nil` when it does not convert.
    init?(storeValue: StoreValue)
}

extension Int64: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(self) }
    public init?(storeValue: StoreValue) {
        switch storeValue {
        case .integer(let value): self = value
        case .real(let value) where value.rounded() == value && abs(value) < 9.2e18: self = Int64(value)
        case .text(let text): guard let value = Int64(text) else { return nil }; self = value
        default: return nil
        }
    }
}

extension Int: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(Int64(self)) }
    public init?(storeValue: StoreValue) {
        guard let value = Int64(storeValue: storeValue) else { return nil }
        self = Int(value)
    }
}

extension Bool: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(self ? 1 : 0) }
    public init?(storeValue: StoreValue) {
        guard let value = Int64(storeValue: storeValue) else { return nil }
        self = value != 0
    }
}

extension Double: StoreValueConvertible {
    public var storeValue: StoreValue { .real(self) }
    public init?(storeValue: StoreValue) {
        switch storeValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension String: StoreValueConvertible {
    public var storeValue: StoreValue { .text(self) }
    public init?(storeValue: StoreValue) {
        switch storeValue {
        case .text(let text): self = text
        case .integer(let value): self = String(value)
        case .blob(let data): guard let text = String(data: data, encoding: .utf8) else { return nil }; self = text
        default: return nil
        }
    }
}

extension Data: StoreValueConvertible {
    public var storeValue: StoreValue { .blob(self) }
    public init?(storeValue: StoreValue) {
        switch storeValue {
        case .blob(let data): self = data
        case .text(let text): self = Data(text.utf8)
        default: return nil
        }
    }
}

extension Optional: StoreValueConvertible where Wrapped: StoreValueConvertible {
    public var storeValue: StoreValue { self?.storeValue ?? .null }
    public init?(storeValue: StoreValue) {
        if case .null = storeValue {
            self = .none
        } else if let value = Wrapped(storeValue: storeValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}

/// The values bound to a statement's placeholders, written as an array literal:
/// `[kind.rawValue, id, seq]`; `nil` binds `NULL`.
public struct StoreArguments: Sendable, ExpressibleByArrayLiteral {
    /// The values, in placeholder order.
    public var values: [StoreValue]

    /// Arguments from values already converted.
    public init(_ values: [StoreValue]) { self.values = values }

    public init(arrayLiteral elements: (any StoreValueConvertible)?...) {
        values = elements.map { $0?.storeValue ?? .null }
    }
}
