import Foundation
import Shared

/// One page of an MIS export, read into typed records with the same columns and rules as
/// `audit-server import` (see README, "MIS interface").
///
/// A JSON page is `{"items": [{column: value, …}, …], "pages": N, "as_of": "…"}`; a CSV page is the
/// import CSV, with the page count and the export's time in the `X-MIS-Pages` and `X-MIS-As-Of`
/// headers. JSON values may be strings, numbers, booleans or null (an empty cell).
struct MISPage<Record: AuditRecord> {
    /// The rows that passed every rule, with the fields the export covers.
    var result: ImportResult<Record>
    /// Where each rejected row was, for the report: `page 2, item 7` or `file.csv:12`.
    var problems: [(position: String, message: String)]
    /// How many pages the export has (1 when it does not say).
    var pages: Int
    /// The MIS's own mark for this export, sent back as `changed_since` next time.
    var asOf: String?
    /// Rows read, good and bad.
    var rowsRead: Int

    /// Reads a page body by its content type.
    static func read(_ body: Data, contentType: String?, headers: [String: String] = [:], page: Int,
                     importer: RecordImporter<Record>, source: String) throws(MISError) -> MISPage {
        if contentType?.lowercased().contains("json") == true {
            return try readJSON(body, page: page, importer: importer, source: source)
        }
        if let contentType, !contentType.lowercased().contains("csv"), !contentType.lowercased().contains("text/plain") {
            throw MISError("\(source) answered with content type \(contentType); expected application/json or text/csv")
        }
        let result = importer.read(body)
        let pages = headers["x-mis-pages"].flatMap(Int.init) ?? 1
        return MISPage(result: result,
                       problems: result.problems.map { (page > 0 ? "page \(page), line \($0.line)" : "\(source):\($0.line)", $0.message) },
                       pages: max(pages, 1), asOf: headers["x-mis-as-of"], rowsRead: rows(in: result))
    }

    private static func readJSON(_ body: Data, page: Int, importer: RecordImporter<Record>, source: String) throws(MISError) -> MISPage {
        let document: FlatRowsDocument
        do throws(WireError) {
            document = try FlatRowsDocument.decode(body)
        } catch {
            throw MISError("\(source): page \(page) is not an object with an \"items\" array: \(error)")
        }
        // The rows become the import CSV: one reader, one set of rules, for files and for JSON.
        var columns = Set<String>()
        var badItems: [(position: String, message: String)] = []
        var rows: [(item: Int, cells: [String: String])] = []
        for (index, item) in document.items.enumerated() {
            guard let cells = item else {
                badItems.append(("page \(page), item \(index + 1)", "expected an object of column values (strings, numbers, booleans or null)"))
                continue
            }
            columns.formUnion(cells.keys)
            rows.append((index + 1, cells))
        }
        let header = columns.sorted()
        var csv = CSVText.line(header)
        for row in rows {
            csv += CSVText.line(header.map { row.cells[$0] ?? "" })
        }
        let result = rows.isEmpty ? ImportResult<Record>() : importer.read(Data(csv.utf8))
        // CSV line n (from 2) is the (n-1)th well-shaped item.
        let problems = result.problems.map { problem -> (position: String, message: String) in
            let rowIndex = problem.line - 2
            return (rows.indices.contains(rowIndex) ? "page \(page), item \(rows[rowIndex].item)" : "page \(page)", problem.message)
        }
        return MISPage(result: result, problems: badItems + problems, pages: max(document.pages ?? 1, 1),
                       asOf: document.asOf, rowsRead: document.items.count)
    }

    private static func rows(in result: ImportResult<Record>) -> Int {
        result.records.count + Set(result.problems.map(\.line)).count
    }
}

/// A failure of the MIS job that stops it: the MIS unreachable, an answer that cannot be read.
struct MISError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
