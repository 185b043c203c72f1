import Foundation

/// A private PostgreSQL cluster started with `scripts/postgres-cluster` (initdb and pg_ctl on a
/// temporary directory and a free port, fsync off), stopped and removed on any exit.
struct PostgresCluster: Sendable {
    /// The cluster's directory, as the script printed it.
    let directory: String
    /// `postgres://fieldaudit@127.0.0.1:PORT/fieldaudit`: an empty database.
    let url: String

    /// Starts a cluster with `script`; registers its stop with ``Cleanup``.
    static func start(script: String) throws -> PostgresCluster {
        let directory = try lastLine(of: run(script, ["start"]))
        Cleanup.shared.onExit { _ = try? run(script, ["stop", directory]) }
        return PostgresCluster(directory: directory, url: try lastLine(of: run(script, ["url", directory])))
    }

    /// `explicit`, else `scripts/postgres-cluster` under the current directory or above this program.
    static func locateScript(explicit: String?) throws -> String {
        if let explicit { return explicit }
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]) as NSString
        while folder.length > 1 {
            folder = folder.deletingLastPathComponent as NSString
            candidates.append(folder as String)
        }
        for candidate in candidates {
            let path = (candidate as NSString).appendingPathComponent("scripts/postgres-cluster")
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw BenchFailure("no scripts/postgres-cluster here or above this program; pass --cluster-script PATH or --postgres URL")
    }

    /// Runs the script through `/bin/sh` with its output in files, and waits with `waitpid`.
    ///
    /// Not `Process`: on Linux it learns of a child's exit from a descriptor the child inherits,
    /// and the PostgreSQL server the script leaves running inherits it too, so `waitUntilExit`
    /// would wait for the database to stop.
    private static func run(_ script: String, _ arguments: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fieldaudit-pg-script-\(UUID().uuidString.prefix(8))").path
        defer { for suffix in [".out", ".err"] { try? FileManager.default.removeItem(atPath: base + suffix) } }
        let command = ([script] + arguments).map(quoted).joined(separator: " ") + " >\(quoted(base + ".out")) 2>\(quoted(base + ".err")) </dev/null"
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw BenchFailure("cannot start /bin/sh for \(script)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        guard status == 0 else {
            let problems = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
            throw BenchFailure("\(script) \(arguments.joined(separator: " ")) failed: \(problems.suffix(500))")
        }
        return text
    }

    private static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private static func lastLine(of text: String) throws -> String {
        guard let line = text.split(whereSeparator: \.isNewline).last, !line.isEmpty else {
            throw BenchFailure("scripts/postgres-cluster printed nothing")
        }
        return String(line)
    }
}
