import Foundation

/// Reads records of one kind from a CSV file with a header row, checking every cell against the
/// rules of its field.
///
/// An importer is a small table of ``ImportColumn``s; ``customers`` and ``devices`` are the two
/// the dispatcher uses (their doc comments list the columns). Reading a file:
///
/// - The first row that is not empty is the header. Column names are matched without regard to
///   case or surrounding spaces, in any order. An unknown column (a typo such as `adress`), a
///   missing required column, a column named twice, a column without a name, `lat` without `lon`
///   and two columns giving the same field are refused: the problems name the header's line, and
///   no row is read.
/// - Every other row becomes a record or problems. Every cell is read by its field's
///   ``FieldSpec/parse(_:)``, so rules and messages are those of every other way in:
///   `line 7: account: must be 6 to 20 digits (got "12a")`. A row with several bad cells gets one
///   problem per cell; a row with the wrong number of cells gets one problem naming both counts.
///   Rows whose cells are all blank (spreadsheets leave them behind) are skipped.
/// - A blank cell leaves an optional field empty and breaks a required one (`name: is required`).
/// - The record id comes from the `id` column; when that column is missing or its cell blank, it is
///   derived from the key field (``derivedID(fromKey:)``), so importing the same file twice
///   addresses the same records. An id used by an earlier row is a problem of the later row.
/// - A row that breaks the CSV format (see ``CSVError``) is a problem of its line; an unterminated
///   quote ends the file, keeping the rows before it.
///
/// Reading is pure: no I/O, no clock, no replica. The good rows come back as typed records with
/// their lines; writing them into record states is the caller's business.
public struct RecordImporter<Record: AuditRecord>: Sendable {
    /// The columns a file may have, in the order of the template header.
    public let columns: [ImportColumn]
    /// The field whose value gives the id when a row has none (`account`, `serial`).
    public let keyField: String

    init(columns: [ImportColumn], keyField: String) {
        precondition(Record.kind.schema.index(of: keyField) != nil, "\(keyField) is not a field of \(Record.kind)")
        self.columns = columns
        self.keyField = keyField
    }

    /// Every column name, comma-separated: the header line of a template file.
    public var header: String { columns.map(\.name).joined(separator: ",") }

    /// The names of the columns a file must have.
    public var requiredColumns: [String] { columns.filter(\.isRequired).map(\.name) }

    /// Every field some column of this importer can write.
    public var writableFields: Set<String> { Set(columns.compactMap(\.fieldName)) }

    /// Reads a whole CSV file held in memory.
    public func read(_ data: Data) -> ImportResult<Record> {
        var reader = CSVReader(data)
        return read(&reader)
    }

    /// Reads the rows `reader` has left, the first of them being the header.
    public func read(_ reader: inout CSVReader) -> ImportResult<Record> {
        var records: [ImportedRecord<Record>] = []
        var result = read(&reader) { record, _ in records.append(record) }
        result.records = records
        return result
    }

    /// Reads a whole CSV file held in memory, handing each good row's record to `each` as soon as
    /// it is read, with the fields the file's columns cover; the result holds the problems and
    /// the fields, not the records. How an import writes the first rows while it reads the rest.
    public func read(_ data: Data, each: (ImportedRecord<Record>, _ fields: Set<String>) -> Void) -> ImportResult<Record> {
        var reader = CSVReader(data)
        return read(&reader, each: each)
    }

    private func read(_ reader: inout CSVReader, each: (ImportedRecord<Record>, _ fields: Set<String>) -> Void) -> ImportResult<Record> {
        var result = ImportResult<Record>()
        let headerRow: CSVRow
        do throws(CSVError) {
            guard let row = try reader.nextRow() else {
                result.problems.append(ImportProblem(
                    line: reader.line,
                    message: "the file has no header row; the first row must name the columns, for example: \(header)"))
                return result
            }
            headerRow = row
        } catch {
            result.problems.append(Self.problem(error, columnNames: []))
            return result
        }
        let plan: Plan
        switch makePlan(headerRow) {
        case .success(let made):
            plan = made
            result.fields = Set(made.cells.compactMap(\.fieldName))
        case .failure(let problems):
            result.problems = problems.problems
            return result
        }

        var firstLineOfID: [String: Int] = [:]
        while true {
            let next: CSVRow?
            do throws(CSVError) {
                next = try reader.nextRow()
            } catch {
                result.problems.append(Self.problem(error, columnNames: plan.names))
                if error.isFatal { break }
                continue
            }
            guard let row = next else { break }
            if let record = self.record(from: row, plan: plan, firstLineOfID: &firstLineOfID, problems: &result.problems) {
                each(ImportedRecord(line: row.line, record: record), result.fields)
            }
        }
        return result
    }

    /// The id a row without one gets: the kind's prefix and the key, as in `cus-1000123` or
    /// `dev-SN_0042` (characters an id may not hold become `_`).
    ///
    /// - Throws: ``ValidationError`` on `id` when the key is blank or the id would be longer than 64 characters.
    public func derivedID(fromKey key: String) throws(ValidationError) -> TypedID<Record> {
        let trimmed = Self.trimmed(key)
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "id", rule: "cannot be derived from an empty \(keyField)")
        }
        var id = Record.kind.idPrefix + "-"
        for scalar in trimmed.unicodeScalars {
            id.unicodeScalars.append(Self.mayAppearInID(scalar) ? scalar : "_")
        }
        guard RecordIdentifier.isValid(id) else {
            throw ValidationError(
                field: "id",
                rule: "derived from \(keyField) is longer than 64 characters; give the row an id",
                value: id)
        }
        return TypedID(unchecked: id)
    }

    // MARK: - Header

    /// What to do with each cell of a row, worked out once from the header.
    private struct Plan {
        enum Cell {
            case id
            case field(index: Int, spec: FieldSpec)
            case reference(index: Int, spec: FieldSpec, prefix: String, key: FieldSpec)
            /// The latitude cell; it reads the longitude cell too.
            case location(index: Int, spec: FieldSpec, longitudeCell: Int, names: (latitude: String, longitude: String))
            /// The longitude cell, read with its latitude.
            case longitude

            /// The schema field this cell fills, if any.
            var fieldName: String? {
                switch self {
                case .id, .longitude: return nil
                case .field(_, let spec), .reference(_, let spec, _, _), .location(_, let spec, _, _): return spec.name
                }
            }
        }
        var cells: [Cell]
        var names: [String]
        var keyIndex: Int
    }

    private struct HeaderProblems: Error { var problems: [ImportProblem] }

    private func makePlan(_ header: CSVRow) -> Result<Plan, HeaderProblems> {
        let schema = Record.kind.schema
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var problems: [String] = []
        var cellOfName: [String: Int] = [:]
        var columnOfCell: [ImportColumn?] = Array(repeating: nil, count: names.count)
        for (cell, name) in names.enumerated() {
            if name.isEmpty {
                problems.append("column \(cell + 1) of the header has no name")
                continue
            }
            if let earlier = cellOfName[name] {
                problems.append("column \"\(name)\" appears twice (columns \(earlier + 1) and \(cell + 1))")
                continue
            }
            cellOfName[name] = cell
            guard let column = columns.first(where: { $0.name == name }) else {
                if let guess = Self.closest(to: name, among: columns.map(\.name)) {
                    problems.append("unknown column \"\(name)\" (did you mean \"\(guess)\"?)")
                } else {
                    problems.append("unknown column \"\(name)\"; the columns are: \(self.header)")
                }
                continue
            }
            columnOfCell[cell] = column
        }
        for column in columns where column.isRequired && cellOfName[column.name] == nil {
            problems.append("missing required column \"\(column.name)\"")
        }
        var columnOfField: [String: String] = [:]
        for case let column? in columnOfCell {
            switch column.target {
            case .latitude(let spec, let partner), .longitude(let spec, let partner):
                if cellOfName[partner] == nil {
                    problems.append("column \"\(column.name)\" needs column \"\(partner)\" too: together they give \(spec.name)")
                }
                if case .longitude = column.target { continue }
            default:
                break
            }
            guard let field = column.fieldName else { continue }
            if let other = columnOfField[field] {
                problems.append("columns \"\(other)\" and \"\(column.name)\" both give \(field); keep one")
            } else {
                columnOfField[field] = column.name
            }
        }
        guard problems.isEmpty else {
            return .failure(HeaderProblems(problems: problems.map { ImportProblem(line: header.line, message: $0) }))
        }

        let cells = columnOfCell.map { column -> Plan.Cell in
            switch column!.target {
            case .id:
                return .id
            case .field(let spec):
                return .field(index: schema.index(of: spec.name)!, spec: spec)
            case .reference(let spec, let kind, let key):
                return .reference(index: schema.index(of: spec.name)!, spec: spec, prefix: kind.idPrefix + "-", key: key)
            case .latitude(let spec, let partner):
                return .location(index: schema.index(of: spec.name)!, spec: spec, longitudeCell: cellOfName[partner]!,
                                 names: (column!.name, partner))
            case .longitude:
                return .longitude
            }
        }
        return .success(Plan(cells: cells, names: names, keyIndex: schema.index(of: keyField)!))
    }

    // MARK: - Rows

    /// The record `row` describes, or `nil` after adding its problems (or for an all-blank row).
    private func record(from row: CSVRow, plan: Plan, firstLineOfID: inout [String: Int], problems: inout [ImportProblem]) -> Record? {
        let cells = row.fields
        if cells.allSatisfy(Self.isBlank) { return nil }
        guard cells.count == plan.cells.count else {
            problems.append(ImportProblem(
                line: row.line,
                message: "the row has \(cells.count) \(cells.count == 1 ? "cell" : "cells") but the header has \(plan.cells.count) columns"))
            return nil
        }

        let schema = Record.kind.schema
        var values = [FieldValue](repeating: .null, count: schema.fields.count)
        var explicitID: TypedID<Record>?
        var errors: [ValidationError] = []
        for (position, cell) in plan.cells.enumerated() {
            let text = cells[position]
            do throws(ValidationError) {
                switch cell {
                case .id:
                    if !Self.isBlank(text) {
                        explicitID = try TypedID(Self.trimmed(text))
                    }
                case .field(let index, let spec):
                    values[index] = try spec.parse(text)
                case .reference(let index, let spec, let prefix, let key):
                    if case .text(let keyValue) = try key.parse(text) {
                        let value = FieldValue.text(prefix + keyValue)
                        try spec.validate(value)
                        values[index] = value
                    }
                case .location(let index, let spec, let longitudeCell, let names):
                    values[index] = try Self.location(latitude: text, longitude: cells[longitudeCell], spec: spec, names: names)
                case .longitude:
                    break
                }
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else {
            problems.append(contentsOf: errors.map { ImportProblem(line: row.line, message: $0.description) })
            return nil
        }

        let id: TypedID<Record>
        if let explicitID {
            id = explicitID
        } else {
            do throws(ValidationError) {
                id = try derivedID(fromKey: values[plan.keyIndex].description)
            } catch {
                problems.append(ImportProblem(line: row.line, message: error.description))
                return nil
            }
        }
        if let earlier = firstLineOfID[id.rawValue] {
            let origin = explicitID == nil ? " (from \(keyField) \"\(values[plan.keyIndex])\")" : ""
            problems.append(ImportProblem(line: row.line, message: "id: \"\(id)\"\(origin) is already used on line \(earlier)"))
            return nil
        }
        firstLineOfID[id.rawValue] = row.line

        // Build the typed record the way every other reader does: from a state holding the values.
        return Record(RecordState(kind: Record.kind, id: id.rawValue, checkedValues: values))
    }

    /// A location from its two cells: both blank is no location, one blank is refused.
    private static func location(latitude: String, longitude: String, spec: FieldSpec,
                                 names: (latitude: String, longitude: String)) throws(ValidationError) -> FieldValue {
        switch (isBlank(latitude), isBlank(longitude)) {
        case (true, true):
            return try spec.parse("")
        case (false, true):
            throw ValidationError(field: spec.name, rule: "needs both \(names.latitude) and \(names.longitude); \(names.longitude) is empty")
        case (true, false):
            throw ValidationError(field: spec.name, rule: "needs both \(names.latitude) and \(names.longitude); \(names.latitude) is empty")
        case (false, false):
            // A decimal comma would shift the halves of LAT,LON: refuse it by the column's name.
            for (name, text) in [(names.latitude, latitude), (names.longitude, longitude)] where text.contains(",") {
                throw ValidationError(field: name, rule: "must be a decimal number with a point, like 39.9087", value: text)
            }
            return try spec.parse(latitude + "," + longitude)
        }
    }

    /// A problem for a CSV format error, naming the column when the header is known.
    private static func problem(_ error: CSVError, columnNames: [String]) -> ImportProblem {
        let cell = error.column <= columnNames.count ? columnNames[error.column - 1] : "cell \(error.column)"
        let rest = error.isFatal ? "; nothing after it was read" : ""
        return ImportProblem(line: error.line, message: "\(cell): \(error.message)\(rest)")
    }

    /// `text` without surrounding white space; cells rarely have any, so that case costs nothing.
    private static func trimmed(_ text: String) -> String {
        if let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } || text.allSatisfy(\.isWhitespace)
    }

    private static func mayAppearInID(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", ":": return true
        default: return false
        }
    }

    /// The name within two edits of `name`, if exactly one is closest: the likely intended column.
    private static func closest(to name: String, among names: [String]) -> String? {
        let scored = names.map { (name: $0, distance: editDistance(Array(name.utf8), Array($0.utf8))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2,
              best.distance < name.utf8.count,
              scored.filter({ $0.distance == best.distance }).count == 1
        else { return nil }
        return best.name
    }

    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            current.reserveCapacity(b.count + 1)
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension RecordState {
    /// A state holding `values` (one per schema field, already checked by their ``FieldSpec``),
    /// every non-null one written once by the server. What ``write(_:to:by:at:)`` does, without
    /// checking each value a second time: only used to read the values back as a typed record.
    fileprivate init(kind: RecordKind, id: String, checkedValues values: [FieldValue]) {
        self.init(kind: kind, id: id)
        for (index, value) in values.enumerated() where value != .null {
            let dot = vector.advance(.server)
            registers[index] = Register(sortedEntries: [RegisterEntry(dot: dot, stamp: .zero, value: value)])
        }
    }
}
