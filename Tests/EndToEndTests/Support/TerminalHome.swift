import Foundation
import Shared
import TestSupport

/// One tablet: a home directory driven through the real audit-terminal executable.
struct TerminalHome {
    let path: String

    init(in directory: TemporaryDirectory, name: String) {
        path = directory.file("home-\(name)")
    }

    /// Runs `audit-terminal --home PATH ARGUMENTS…`.
    @discardableResult
    func run(_ arguments: [String]) throws -> CommandResult {
        try TestSupport.run("audit-terminal", ["--home", path] + arguments)
    }

    /// Runs a command that must succeed.
    @discardableResult
    func must(_ arguments: [String]) throws -> CommandResult {
        let result = try run(arguments)
        guard result.status == 0 else { throw FixtureError("audit-terminal \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)\(result.stdout)") }
        return result
    }

    /// `show ID --json`, decoded.
    func show(_ id: String) throws -> [String: Any] {
        let output = try must(["show", id, "--json"]).stdout
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    /// The shown value of `field` and the values in conflict, from `show --json`.
    func field(_ id: String, _ field: String) throws -> (value: String?, conflict: Set<String>) {
        let fields = try show(id)["fields"] as? [String: Any]
        let entry = fields?[field] as? [String: Any]
        let conflict = (entry?["conflict"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        return (entry?["value"] as? String, Set(conflict))
    }

    /// The number of unsent edits, from `status --json`.
    func outbox() throws -> Int {
        let output = try must(["status", "--json"]).stdout
        return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?["outbox"] as? Int ?? -1
    }
}

extension TerminalHome {
    /// Starts `audit-terminal sync` without waiting for it.
    func startSync() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Executables.path("audit-terminal"))
        process.arguments = ["--home", path, "sync"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

extension TerminalHome {
    /// Starts `audit-terminal sync --watch` in the background, recording the day's track from
    /// `gps` when given.
    func startWatch(gps: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Executables.path("audit-terminal"))
        process.arguments = ["--home", path, "sync", "--watch"] + (gps.map { ["--gps", $0] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `condition` every 100 ms for at most `seconds`; whether it became true.
    func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }
}
