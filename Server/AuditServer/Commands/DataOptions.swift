import ArgumentParser
import GRDB

/// `--data DIR`: the server's data directory, shared by `serve` and every dispatcher command.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The server's data directory (created if missing); holds the SQLite database.", valueName: "dir"))
    var data: String

    /// Opens the database, running pending migrations.
    func open() throws -> DatabasePool {
        do {
            return try ServerDatabase.open(directory: data)
        } catch {
            throw ValidationError("cannot open the data directory \(data): \(error)")
        }
    }
}
