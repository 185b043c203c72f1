import Foundation

/// The languages people read FieldAudit in.
public enum Language: String, CaseIterable, Codable, Sendable {
    case simplifiedChinese = "zh-CN"
    case english = "en"
}

/// Every text a person reads, in Simplified Chinese and English, by key: one catalogue that the
/// console (served to the browser as JSON) and, as they move onto it, the command lines, the
/// text UI and the messages read from.
///
/// A key names what the text is for (`login.failed`), never its words; `{name}` marks a value
/// filled in where the text is used.
public enum MessageCatalogue {
    /// The text of `key` in `language`; the key itself when the catalogue lacks it (a test checks
    /// that none is missing).
    public static func text(_ key: String, in language: Language, _ values: [String: String] = [:]) -> String {
        var text = entries[key]?[language] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Every key with its texts in both languages.
    public static let entries: [String: [Language: String]] = parts.reduce(into: [:]) { $0.merge($1) { first, _ in first } }

    /// The catalogue's parts, one an area (a test checks that no two define the same key). A new
    /// part is a `MessageCatalogue+Area.swift` file and one more name here.
    static let parts: [[String: [Language: String]]] = [
        consoleGeneralEntries, consoleMapEntries, consoleConflictEntries, consoleRecordEntries, consolePlanEntries, terminalEntries, terminalCommandEntries,
        serverCommandEntries, serverWorkEntries, serverRecordEntries, serverDeviceEntries, serverOperationEntries,
        presenceEntries, recordEntries, reminderEntries, bulletinEntries, qualityEntries,
        hazardEntries, tabletHazardEntries, tabletQualityEntries,
    ]
}
