import Foundation

/// Writing CSV (RFC 4180): the one writer behind every CSV the server hands out.
public enum CSVText {
    /// `cell` as a CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line break.
    public static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line of `cells`, ended by CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(quoted).joined(separator: ",") + "\r\n"
    }
}
