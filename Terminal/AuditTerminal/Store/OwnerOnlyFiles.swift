import Foundation

/// Keeps the tablet's database, which holds its device token, readable by its owner only.
///
/// SQLite creates the `-wal` and `-shm` files with the mode of the database file, so creating that
/// file 0600 before SQLite opens it covers all three; ``restrict(database:)`` also tightens files
/// left by older versions.
enum OwnerOnlyFiles {
    /// The mode of the database files: read and write for the owner, nothing for anyone else.
    static let fileMode: mode_t = 0o600
    /// The mode of a home folder this creates.
    static let directoryMode: Int = 0o700

    /// Creates `directory` (0700) and an empty `database` file (0600) if they do not exist yet.
    static func prepare(directory: String, database: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: directory) {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                      attributes: [.posixPermissions: directoryMode])
        }
        if !files.fileExists(atPath: database) {
            let descriptor = open(database, O_WRONLY | O_CREAT | O_EXCL, fileMode)
            if descriptor >= 0 { close(descriptor) }
        }
        try restrict(database: database)
    }

    /// Sets mode 0600 on `database` and its `-wal` and `-shm` files, where they exist.
    static func restrict(database: String) throws {
        for path in [database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: path) {
            guard chmod(path, fileMode) == 0 else {
                throw TerminalError("cannot make \(path) private (chmod 600): \(String(cString: strerror(errno)))")
            }
        }
    }
}
