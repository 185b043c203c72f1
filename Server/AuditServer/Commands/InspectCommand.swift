import ArgumentParser
import CommandLanguage
import Foundation
import Shared
import TextLayout

/// `audit-server inspect`: look inside record files without a running server.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Look inside record state files (the JSON that terminals and the server exchange).",
        subcommands: [MergeFiles.self]
    )

    /// `audit-server inspect merge A.json B.json …`
    struct MergeFiles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge states of one record, as sync would, and show the result and its conflicts.",
            discussion: """
                Each file holds one record's full state in the wire format (see README, "Wire format"). \
                The merge is the one every replica runs: edits to different fields combine, concurrent \
                edits to one field become a conflict that lists every value and who wrote it.

                Example: audit-server inspect merge tablet-anna.json tablet-ben.json
                """
        )

        @Argument(help: "Two or more files, each one record state as JSON.")
        var files: [String]

        @Flag(help: "Print the merged state in the wire format instead of a table.")
        var json = false

        @OptionGroup var messages: LanguageOptions

        func validate() throws {
            guard files.count >= 2 else { throw ValidationError(messages.language.localized("server.inspect.two_files")) }
        }

        func run() async throws {
            let language = messages.language
            var merged: RecordState?
            for path in files {
                let state = try Self.read(path, in: language)
                if merged == nil { merged = state; continue }
                do { try merged!.merge(state) } catch { throw CleanExit.message("error: \(path): \(error)") }
            }
            guard let merged else { return }
            if json {
                print(String(decoding: try WireCoding.encode(merged), as: UTF8.self))
            } else {
                print(RecordView(merged).text(in: language, width: DisplayWidth.of))
                let conflicts = merged.conflicts.count
                print(conflicts == 0 ? language.localized("server.conflicts.none")
                                     : language.localized("server.inspect.conflicts", ["count": conflicts]))
            }
        }

        static func read(_ path: String, in language: Language) throws -> RecordState {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError(language.localized("server.cannot_read", ["file": path]))
            }
            do {
                return try RecordStateCodec.decode(data)
            } catch {
                throw ValidationError("\(path): \(error.description)")
            }
        }
    }
}
