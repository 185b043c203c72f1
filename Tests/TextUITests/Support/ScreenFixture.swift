import Foundation
import Testing
import TextUI

/// Compares a drawn screen with a text fixture in `Tests/TextUITests/Fixtures`.
///
/// The fixture holds the screen's rows with trailing spaces removed. With `FIELDAUDIT_UPDATE_FIXTURES=1`
/// the fixture is rewritten from the screen instead (review the diff before committing it).
enum ScreenFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The rows of `screen` as text, trailing spaces trimmed.
    static func text(of screen: ScreenBuffer) -> String {
        (0..<screen.height).map { row in
            var line = screen.text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// Expects `screen` to match the fixture `name`.
    static func expect(_ screen: ScreenBuffer, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = text(of: screen)
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["FIELDAUDIT_UPDATE_FIXTURES"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "screen differs from Fixtures/\(name):\n\(actual)", sourceLocation: sourceLocation)
    }
}
