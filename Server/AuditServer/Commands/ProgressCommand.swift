import ArgumentParser
import CommandLanguage
import Shared

/// `audit-server progress`.
struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show audit progress per auditor and per work order: assigned, visited, outcomes, open conflicts, visits without proof of presence.")
    @OptionGroup var data: DataOptions
    @OptionGroup var messages: LanguageOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let report = try DispatchService(database: try data.open()).progress()
        print(json ? String(decoding: try WireCoding.encode(report), as: UTF8.self) : report.text(in: messages.language))
    }
}
