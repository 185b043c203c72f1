import Foundation
import Shared

/// Writes a bulletin into a directory: `bulletin-<period>-<start>[-<county>].html` in one
/// language and beside it each CSV table (``BulletinTables``), `…-summary.csv`, `…-counties.csv` and so on.
///
/// Each file is written whole under a temporary name and then renamed, so a reader never finds
/// half a bulletin.
public struct BulletinFiles: Sendable {
    public let report: BulletinReport
    public let language: Language

    public init(_ report: BulletinReport, language: Language) {
        self.report = report
        self.language = language
    }

    /// The page's file name.
    public var pageName: String { report.period.fileStem(county: report.county) + ".html" }

    /// The file name of the table `table`.
    public func tableName(_ table: String) -> String { report.period.fileStem(county: report.county) + "-\(table).csv" }

    /// Writes the page and the tables into `directory` (made when missing).
    /// - Returns: the paths written, the page first.
    @discardableResult
    public func write(to directory: String, generatedAt: Date = Date()) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tables = BulletinTables(report)
        let files = [(pageName, BulletinPage(report, language: language, generatedAt: generatedAt).html)]
            + BulletinTables.names.map { (tableName($0), tables.csv($0) ?? "") }
        return try files.map { name, content in
            let path = (directory as NSString).appendingPathComponent(name)
            let partial = (directory as NSString).appendingPathComponent(".\(name).partial")
            try Data(content.utf8).write(to: URL(fileURLWithPath: partial))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            return path
        }
    }
}
