import ArgumentParser
import CommandLanguage
import Shared

/// `audit-server store`: operations on the store itself.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Operations on the store itself.",
        subcommands: [Copy.self])

    /// `audit-server store copy --from DIR --to postgres://…`.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy an installation's records into another store (SQLite into PostgreSQL), then verify the copy.",
            discussion: """
                Copies every table, keeping change-log positions (the tablets' cursors), so tablets \
                carry on syncing against the new store without noticing. Safe to run again: rows \
                already copied are left alone, so an interrupted copy is finished by running it \
                again. At the end the row counts of every table and digests of every record state \
                and change-log entry are compared. Stop the server first (or copy again until it \
                verifies).

                Example: audit-server store copy --from /var/lib/fieldaudit --to postgres://fieldaudit@db:5432/fieldaudit
                """)

        @Option(help: ArgumentHelp("The store to copy: a data directory (SQLite) or a postgres:// URL.", valueName: "dir-or-url"))
        var from: String

        @Option(help: ArgumentHelp("The store to copy into: a postgres:// URL or a data directory; created and migrated if new.", valueName: "url-or-dir"))
        var to: String

        @OptionGroup var messages: LanguageOptions

        func validate() throws {
            let (source, target) = (try location(from, "--from"), try location(to, "--to"))
            guard source != target else { throw ValidationError(messages.language.localized("server.store.same")) }
        }

        private func location(_ text: String, _ option: String) throws -> StoreLocation {
            do { return try StoreLocation(parsing: text) } catch { throw ValidationError("\(option): \(error)") }
        }

        func run() throws {
            let source = try location(from, "--from").open()
            defer { try? source.close() }
            let target = try location(to, "--to").open()
            defer { try? target.close() }
            let language = messages.language
            let copy = StoreCopy(from: source, to: target)
            _ = try copy.run { report in
                print(language.localized("server.store.table", ["table": report.table, "rows": report.rows, "new": report.inserted]))
            }
            do {
                try copy.verify()
            } catch {
                throw ExitCodeMessage(language.localized("server.store.mismatch", ["error": "\(error)"]))
            }
            print(language.localized("server.store.verified"))
        }
    }
}
