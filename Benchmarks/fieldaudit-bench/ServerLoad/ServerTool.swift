import Foundation

/// The real `audit-server` dispatcher commands, run as child processes on one data directory.
struct ServerTool: Sendable {
    /// Path of the `audit-server` executable.
    let binary: String
    /// The data directory every command works on.
    let dataDirectory: String
    /// Where the commands' standard error goes.
    let logPath: String
    /// The store every command names after `--data`.
    var store: BenchStore = .sqlite

    /// `audit-server` next to this program (the same build products folder), unless `explicit` names one.
    static func locate(explicit: String?) throws -> String {
        if let explicit {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw BenchFailure("--server-binary \(explicit) is not an executable file")
            }
            return explicit
        }
        let ownPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.resolvingSymlinksInPath().path
        let candidate = ((ownPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("audit-server")
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw BenchFailure("""
                no audit-server next to \(ownPath); build it in the same configuration \
                (swift build -c release --product audit-server) or pass --server-binary PATH
                """)
        }
        return candidate
    }

    /// A fresh temporary directory (removed on any exit, Ctrl-C included) with a tool whose data
    /// directory is `DIR/server`; the caller runs `Cleanup.shared.run()` when done.
    static func scratch(named name: String, serverBinary: String?) throws -> (directory: String, tool: ServerTool) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldaudit-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        Cleanup.shared.removeOnExit(directory)
        Cleanup.shared.installSignalHandlers()
        let tool = ServerTool(binary: try locate(explicit: serverBinary), dataDirectory: directory + "/server", logPath: directory + "/server.log")
        return (directory, tool)
    }

    /// Runs `audit-server ARGUMENTS` and returns its standard output; throws with the log's tail on failure.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = BenchStore.childEnvironment
        let output = Pipe()
        process.standardOutput = output
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw BenchFailure("cannot write \(logPath)") }
        defer { try? log.close() }
        log.seekToEndOfFile()
        process.standardError = log
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let tail = ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").suffix(600)
            throw BenchFailure("audit-server \(arguments.prefix(2).joined(separator: " ")) failed (status \(process.terminationStatus)): \(text.suffix(300))\(tail)")
        }
        return text
    }

    /// `--data DIR` and, for PostgreSQL, `--store URL`.
    var storeArguments: [String] { ["--data", dataDirectory] + store.arguments }

    func importCustomers(from file: String) throws -> String { try importRecords("customers", from: file) }

    /// `audit-server import NOUN FILE` (`customers` or `devices`); returns its summary.
    func importRecords(_ noun: String, from file: String) throws -> String {
        try run(["import", noun] + storeArguments + [file]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Enrols tablet `name` for `auditor` and returns its token (the last line printed).
    func enroll(name: String, auditor: String) throws -> String {
        try lastLine(of: run(["device", "enroll"] + storeArguments + ["--name", name, "--auditor", auditor]))
    }

    /// Creates a work order and returns its id (the last line printed).
    func createWorkOrder(assignee: String, customers: [String], area: String) throws -> String {
        try lastLine(of: run(["workorder", "create"] + storeArguments + ["--assignee", assignee,
                              "--customers", customers.joined(separator: ","), "--area", area]))
    }

    private func lastLine(of text: String) throws -> String {
        guard let line = text.split(whereSeparator: \.isNewline).last.map(String.init), !line.isEmpty else {
            throw BenchFailure("audit-server printed nothing on standard output")
        }
        return line.trimmingCharacters(in: .whitespaces)
    }
}

/// A benchmark that could not run, with the reason.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
