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

    /// Runs the script; its output goes through files, not pipes, because the PostgreSQL server
    /// it starts inherits them and would hold a pipe open for as long as it runs.
    private static func run(_ script: String, _ arguments: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fieldaudit-pg-script-\(UUID().uuidString.prefix(8))").path
        let (outPath, errPath) = (base + ".out", base + ".err")
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        for path in [outPath, errPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            throw BenchFailure("cannot write \(base).out")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let problems = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw BenchFailure("\(script) \(arguments.joined(separator: " ")) failed: \(problems.suffix(500))")
        }
        return text
    }

    private static func lastLine(of text: String) throws -> String {
        guard let line = text.split(whereSeparator: \.isNewline).last, !line.isEmpty else {
            throw BenchFailure("scripts/postgres-cluster printed nothing")
        }
        return String(line)
    }
}
