import Foundation
import NIOCore
import PostgresNIO
import Synchronization

/// How PostgreSQL takes a ``MultiRowInsert``: one statement whatever the number of rows,
///
///     INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT …
///
/// with one parameter per column, an array in PostgreSQL's binary form (``PostgresColumnArray``).
/// Multi-row `VALUES` bound thousands of parameters a statement, and the server parsed and
/// planned each such statement afresh: for a batch of 1,000 customers that was a fifth of its
/// time. Arrays keep the statement's text the same from batch to batch, and the rows keep their
/// order (`unnest` yields them in array order, so a `RETURNING` list's sequence numbers are handed
/// out in row order as before). Binary, not text: the server reads a text array's elements one
/// character at a time, which for the record states' bytes (in hex) cost more than it saved.
enum PostgresArrayInsert {
    /// The statement for `insert` over `arrays`, one per column.
    static func sql(_ insert: MultiRowInsert, arrays: [PostgresColumnArray]) -> String {
        let parameters = arrays.enumerated().map { index, array in "$\(index + 1)" + array.cast }.joined(separator: ", ")
        return "INSERT INTO \(insert.table) (\(insert.columns.joined(separator: ", "))) SELECT * FROM unnest(\(parameters))" + insert.suffix
    }

    /// One array per column of `rows`, whose columns have the SQL types `types`.
    static func arrays(_ rows: [[StoreValue]], types: [String], table: String, columns: [String]) throws -> [PostgresColumnArray] {
        try types.indices.map { index in
            try PostgresColumnArray(rows.map { $0[index] }, sqlType: types[index], column: "\(table).\(columns[index])")
        }
    }
}

/// One column's values as a one-dimensional PostgreSQL array in binary form: the element type's
/// OID, then each element's length (-1 for `NULL`) and bytes (text as UTF-8, bytea as is, integers
/// and doubles big-endian). Columns of types other than text, bytea, bigint, integer and double
/// precision go as text arrays with a cast, read by the server as it reads text.
struct PostgresColumnArray: PostgresDynamicTypeEncodable {
    enum Element {
        case text, bytea, int8, int4, float8
        /// Text, cast to the column's type by the server.
        case textCast(String)
    }

    let element: Element
    let values: [StoreValue]

    init(_ values: [StoreValue], sqlType: String, column: String) throws {
        switch sqlType {
        case "text": element = .text
        case "bytea": element = .bytea
        case "bigint": element = .int8
        case "integer": element = .int4
        case "double precision": element = .float8
        default: element = .textCast(sqlType)
        }
        for value in values {
            guard Self.fits(value, element) else { throw StoreError("\(column) (\(sqlType)) cannot hold \(value)") }
        }
        self.values = values
    }

    /// What follows the parameter in the statement: the array's type, and a cast for text
    /// standing in for another type.
    var cast: String {
        switch element {
        case .text: "::text[]"
        case .bytea: "::bytea[]"
        case .int8: "::bigint[]"
        case .int4: "::integer[]"
        case .float8: "::double precision[]"
        case .textCast(let type): "::text[]::\(type)[]"
        }
    }

    var psqlType: PostgresDataType {
        switch element {
        case .text, .textCast: .textArray
        case .bytea: .byteaArray
        case .int8: .int8Array
        case .int4: .int4Array
        case .float8: .float8Array
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(Int32(1))                                           // dimensions
        buffer.writeInteger(Int32(values.contains(.null) ? 1 : 0))              // has nulls
        buffer.writeInteger(elementType.rawValue)                               // element type
        buffer.writeInteger(Int32(values.count))                                // length
        buffer.writeInteger(Int32(1))                                           // lower bound
        for value in values {
            switch (value, element) {
            case (.null, _):
                buffer.writeInteger(Int32(-1))
            case (.integer(let number), .int8):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(number)
            case (.integer(let number), .int4):
                buffer.writeInteger(Int32(4))
                buffer.writeInteger(Int32(number))
            case (.integer(let number), .float8):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(Double(number).bitPattern)
            case (.real(let number), .float8):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(number.bitPattern)
            case (.real(let number), .int8):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(Int64(number))
            case (.real(let number), .int4):
                buffer.writeInteger(Int32(4))
                buffer.writeInteger(Int32(number))
            case (.blob(let data), .bytea):
                buffer.writeInteger(Int32(data.count))
                buffer.writeBytes(data)
            default:
                let text = Self.text(value)
                buffer.writeInteger(Int32(text.utf8.count))
                buffer.writeString(text)
            }
        }
    }

    private var elementType: PostgresDataType {
        switch element {
        case .text, .textCast: .text
        case .bytea: .bytea
        case .int8: .int8
        case .int4: .int4
        case .float8: .float8
        }
    }

    /// Whether `value` goes into an array of `element` without changing: as the multi-row
    /// statements bound them, a whole number may stand for a double and a whole double for an
    /// integer, and text takes anything.
    private static func fits(_ value: StoreValue, _ element: Element) -> Bool {
        switch (value, element) {
        case (.null, _), (_, .text), (_, .textCast), (.blob, .bytea), (.integer, .int8), (.integer, .float8), (.real, .float8): true
        case (.integer(let number), .int4): Int32(exactly: number) != nil
        case (.real(let number), .int8): Int64(exactly: number) != nil
        case (.real(let number), .int4): Int32(exactly: number) != nil
        default: false
        }
    }

    /// A value as text, for a text column or one cast from text.
    private static func text(_ value: StoreValue) -> String {
        switch value {
        case .null: ""
        case .integer(let number): String(number)
        case .real(let number): number.description
        case .text(let text): text
        case .blob(let data): "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }
}

/// The SQL types of the columns a store's inserts name, read from the catalogue once per table
/// and process (again when an insert names a column not seen before, after a migration added it).
final class PostgresColumnTypes: Sendable {
    private let known = Mutex<[String: [String: String]]>([:])

    /// The types of `columns` of `table`, in their order.
    func types(of table: String, _ columns: [String], in transaction: PostgresTransaction) throws -> [String] {
        if let types = lookup(table, columns) { return types }
        let rows = try transaction.rows("""
            SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped
            """, [table])
        var types: [String: String] = [:]
        for row in rows { types[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1) }
        known.withLock { $0[table] = types }
        guard let found = lookup(table, columns) else {
            throw StoreError("\(table) has no column \(columns.filter { types[$0] == nil }.joined(separator: ", "))")
        }
        return found
    }

    private func lookup(_ table: String, _ columns: [String]) -> [String]? {
        known.withLock { known in
            guard let types = known[table] else { return nil }
            let found = columns.compactMap { types[$0] }
            return found.count == columns.count ? found : nil
        }
    }
}
