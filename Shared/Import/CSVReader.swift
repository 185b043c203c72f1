import Foundation

/// Reads RFC 4180 CSV from UTF-8 bytes, one row at a time.
///
/// - Cells are separated by commas. A cell may be enclosed in double quotes; a quoted cell may hold
///   commas, line breaks and quotes written twice (`"He said ""yes"""` reads as `He said "yes"`).
/// - Rows end with CRLF, LF or a lone CR. A line break inside a quoted cell is kept as written.
/// - A UTF-8 byte order mark at the start is skipped. Empty lines are skipped.
/// - Every row carries the 1-based physical line where it starts (``CSVRow/line``), counted the way
///   an editor counts, so line numbers stay right after a cell that spans lines.
///
/// The reader streams: it keeps the input and a position, never the rows it has read, so a
/// 100,000-row file costs the memory of its bytes plus one row. Each cell's text is built once,
/// straight from the input bytes.
///
/// ```swift
/// var reader = CSVReader(data)
/// while let row = try reader.nextRow() {
///     print(row.line, row.fields)
/// }
/// ```
///
/// A row that breaks the format (a cell that is not UTF-8, a stray quote) throws a ``CSVError``
/// naming the line; the next call goes on with the following row. A quote that is never closed
/// swallows the rest of the file: it throws once, and every later call returns `nil`.
public struct CSVReader: Sendable {
    private let data: Data
    private var cursor: Cursor

    /// Reads `data`, skipping a UTF-8 byte order mark at its start.
    public init(_ data: Data) {
        self.data = data
        let hasByteOrderMark = data.starts(with: [0xEF, 0xBB, 0xBF])
        cursor = Cursor(offset: hasByteOrderMark ? 3 : 0)
    }

    /// Reads the UTF-8 bytes of `text`.
    public init(_ text: String) {
        self.init(Data(text.utf8))
    }

    /// The 1-based physical line the reader has reached: where the next row would start, if no
    /// empty lines come first.
    public var line: Int { cursor.line }

    /// The next row, or `nil` at the end of the input.
    ///
    /// - Throws: ``CSVError`` for a row that breaks the format; reading may go on with the next
    ///   row unless the error ``CSVError/isFatal``.
    public mutating func nextRow() throws(CSVError) -> CSVRow? {
        if cursor.isFinished { return nil }
        var cursor = self.cursor
        let outcome = data.withUnsafeBytes { bytes in cursor.readRow(from: bytes) }
        self.cursor = cursor
        return try outcome.get()
    }
}

/// The reader's position, kept apart from the input so it can be advanced while the input's bytes
/// are borrowed.
private struct Cursor {
    /// Byte offset of the next unread byte.
    var offset: Int
    /// The physical line of ``offset``.
    var line = 1
    /// Set at the end of the input, and after an unterminated quote.
    var isFinished = false
    /// The previous row's width, to size the next row's array once.
    var width = 8

    init(offset: Int) { self.offset = offset }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    /// Reads one row starting at ``offset`` and moves past it.
    mutating func readRow(from bytes: UnsafeRawBufferPointer) -> Result<CSVRow?, CSVError> {
        let end = bytes.count
        var position = offset

        // Empty lines are no rows.
        while position < end {
            let byte = bytes[position]
            if byte == Self.lineFeed {
                position += 1
            } else if byte == Self.carriageReturn {
                position += 1
                if position < end, bytes[position] == Self.lineFeed { position += 1 }
            } else {
                break
            }
            line += 1
        }
        guard position < end else {
            offset = end
            isFinished = true
            return .success(nil)
        }

        let rowLine = line
        var fields: [String] = []
        fields.reserveCapacity(width)
        var problem: CSVError?
        func note(_ reason: CSVError.Reason, line: Int) {
            if problem == nil { problem = CSVError(line: line, rowLine: rowLine, column: fields.count + 1, reason: reason) }
        }

        while true {
            let cellLine = line
            var text: String?
            if position < end, bytes[position] == Self.quote {
                // A quoted cell: runs to the next quote that is not doubled.
                position += 1
                var segmentStart = position
                var unescaped: [UInt8]?
                var closed = false
                var highBits: UInt8 = 0
                while position < end {
                    let byte = bytes[position]
                    highBits |= byte
                    if byte > Self.quote {
                        position += 1
                        continue
                    }
                    if byte == Self.quote {
                        if position + 1 < end, bytes[position + 1] == Self.quote {
                            // A doubled quote: keep one. Only such cells are copied before decoding.
                            if unescaped == nil { unescaped = [] }
                            unescaped!.append(contentsOf: bytes[segmentStart...position])
                            position += 2
                            segmentStart = position
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == Self.lineFeed || (byte == Self.carriageReturn && (position + 1 == end || bytes[position + 1] != Self.lineFeed)) {
                        line += 1
                    }
                    position += 1
                }
                guard closed else {
                    offset = end
                    isFinished = true
                    return .failure(CSVError(line: cellLine, rowLine: rowLine, column: fields.count + 1, reason: .unterminatedQuote))
                }
                let tail = UnsafeRawBufferPointer(rebasing: bytes[segmentStart..<position])
                position += 1
                if var cell = unescaped {
                    cell.append(contentsOf: tail)
                    text = Self.decode(cell, isASCII: highBits < 0x80)
                } else {
                    text = Self.decode(tail, isASCII: highBits < 0x80)
                }
                if text == nil {
                    note(.invalidUTF8, line: cellLine + Self.lineBreaks(beforeInvalidUTF8In: unescaped.map { $0 + tail } ?? Array(tail)))
                }
                if position < end {
                    let next = bytes[position]
                    if next != Self.comma, next != Self.lineFeed, next != Self.carriageReturn {
                        note(.textAfterClosingQuote, line: line)
                        while position < end {
                            let byte = bytes[position]
                            if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                            position += 1
                        }
                    }
                }
            } else {
                // An unquoted cell: runs to the next comma or line end.
                let start = position
                var highBits: UInt8 = 0
                while position < end {
                    let byte = bytes[position]
                    highBits |= byte
                    if byte > Self.comma {
                        position += 1
                        continue
                    }
                    if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    if byte == Self.quote { note(.quoteInUnquotedField, line: line) }
                    position += 1
                }
                let cell = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                text = Self.decode(cell, isASCII: highBits < 0x80)
                if text == nil { note(.invalidUTF8, line: cellLine) }
            }
            fields.append(text ?? "")

            guard position < end else { break }
            let delimiter = bytes[position]
            position += 1
            if delimiter == Self.comma { continue }
            if delimiter == Self.carriageReturn, position < end, bytes[position] == Self.lineFeed { position += 1 }
            line += 1
            break
        }

        offset = position
        width = fields.count
        if let problem { return .failure(problem) }
        return .success(CSVRow(line: rowLine, fields: fields))
    }

    /// The cell's text, or `nil` when its bytes are not UTF-8.
    private static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, isASCII: Bool) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        // Decoding replaces bad bytes with U+FFFD, so the result differs from the input exactly when the input is bad.
        if isASCII || text.utf8.elementsEqual(bytes) { return text }
        return nil
    }

    /// How many line breaks come before the first byte of `bytes` that is not UTF-8.
    private static func lineBreaks(beforeInvalidUTF8In bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var valid = 0
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): valid += scalar.count
            case .error, .emptyInput: break parsing
            }
        }
        var breaks = 0
        for index in bytes[..<valid].indices {
            let byte = bytes[index]
            if byte == lineFeed || (byte == carriageReturn && (index + 1 == bytes.count || bytes[index + 1] != lineFeed)) {
                breaks += 1
            }
        }
        return breaks
    }
}
