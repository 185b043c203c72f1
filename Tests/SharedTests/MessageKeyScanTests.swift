import Foundation
import Shared
import Testing

/// Finds the message keys the sources use and checks the catalogue holds each one in both
/// languages, so a text added without its catalogue entry fails here rather than in front of a person.
///
/// Swift: every `localized("key"`, `MessageCatalogue.text("key"` and `LocalizedText("key"`, and every literal of the
/// tablet's own namespace (`"tablet.…"`, as in the key table). The console's HTML and JavaScript:
/// every literal shaped like a key (`word.word…`) whose first word is one of the catalogue's
/// namespaces, which covers `data-msg="…"`, `text("…")` and keys passed around before `text`
/// (a literal ending in `.` is a prefix completed at run time: some key must start with it).
@Suite("message keys used in the sources")
struct MessageKeyScanTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A key the Swift sources pass to the catalogue: its first capture group.
    static let swiftKeyPattern = #"(?:localized|MessageCatalogue\.text|LocalizedText)\(\s*"([^"\\]+)""#

    /// Endings that make a key-shaped literal a file name (`map.js`) rather than a key.
    static let fileExtensions: Set<String> = ["js", "css", "html", "json", "png", "svg", "csv", "txt"]

    /// The files under `folders` of the repository whose names end in one of `extensions`.
    static func files(in folders: [String], extensions: Set<String>) -> [URL] {
        folders.flatMap { folder -> [URL] in
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            return (enumerator?.allObjects as? [URL] ?? []).filter { extensions.contains($0.pathExtension) }
        }
    }

    /// Every first capture group of `pattern` in `text`.
    static func captures(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The keys among `used` (with the file each came from) that the catalogue lacks in either language.
    static func missing(_ used: [(key: String, file: String)]) -> [String] {
        let entries = MessageCatalogue.entries
        return used.compactMap { key, file in
            if key.hasSuffix(".") { return entries.keys.contains { $0.hasPrefix(key) } ? nil : "\(file): \(key)…" }
            let texts = entries[key]
            return Language.allCases.allSatisfy({ !(texts?[$0] ?? "").isEmpty }) ? nil : "\(file): \(key)"
        }
    }

    @Test("every key the Swift sources ask for is in the catalogue in both languages")
    func swiftKeys() throws {
        let files = Self.files(in: ["Shared", "Sources", "Terminal", "Server"], extensions: ["swift"])
        #expect(files.count > 50, "the sources were found under \(Self.root.path)")
        var used: [(key: String, file: String)] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let keys = Self.captures(Self.swiftKeyPattern, in: text)
                + Self.captures(#""(tablet\.[a-z0-9_.]+)""#, in: text)
            used += keys.map { ($0, file.lastPathComponent) }
        }
        #expect(used.count > 100, "keys were found")
        let missing = Self.missing(used)
        #expect(missing.isEmpty, "not in the catalogue: \(missing)")
    }

    @Test("every key the office console's pages and scripts use is in the catalogue in both languages")
    func consoleKeys() throws {
        let namespaces = Set(MessageCatalogue.entries.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
        let files = Self.files(in: ["Server/AuditServer/Console"], extensions: ["html", "js"])
        #expect(!files.isEmpty)
        var used: [(key: String, file: String)] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let keys = Self.captures(#"["'`]([a-z][a-z0-9_]*\.(?:[a-z0-9_]+\.?)*)["'`]"#, in: text)
                .filter { namespaces.contains(String($0.prefix { $0 != "." })) && !Self.fileExtensions.contains(String($0.split(separator: ".").last ?? "")) }
            used += keys.map { ($0, file.lastPathComponent) }
        }
        #expect(used.contains { $0.key == "login.heading" }, "data-msg keys were found")
        let missing = Self.missing(used)
        #expect(missing.isEmpty, "not in the catalogue: \(missing)")
    }

    @Test("the scan notices a missing key")
    func scanNoticesMissing() {
        let keys = Self.captures(Self.swiftKeyPattern, in: #"language.localized("tablet.no_such_text") x.localized("field.\(name)") LocalizedText("presence.no_such_text")"#)
        #expect(keys == ["tablet.no_such_text", "presence.no_such_text"])
        #expect(Self.missing(keys.map { ($0, "sample") }) == ["sample: tablet.no_such_text", "sample: presence.no_such_text"])
    }
}
