import Foundation
import Synchronization

/// `audit-server serve` as a child process on a free loopback port, and what `/proc` says about it.
final class ServerChild: Sendable {
    /// The child's process id.
    let pid: Int32
    /// `http://127.0.0.1:PORT`.
    let baseURL: URL
    private let process: UncheckedProcess

    /// Starts `serve --port 0 --log-level warning` on `store` and waits (up to 30 s) for its
    /// "listening on" line. Standard error, and anything printed after that line, go to `logPath`.
    init(binary: String, dataDirectory: String, store: BenchStore = .sqlite, logPath: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // The per-device limits are off: the bench opens hundreds of long-polls and pushes
        // thousands of batches from a handful of tokens, far beyond what one tablet does.
        process.arguments = ["serve", "--data", dataDirectory] + store.arguments
            + ["--port", "0", "--log-level", "warning", "--rate", "0", "--max-long-polls", "0"]
        process.environment = BenchStore.childEnvironment
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw BenchFailure("cannot write \(logPath)") }
        process.standardError = log
        try process.run()
        pid = process.processIdentifier
        self.process = UncheckedProcess(process: process)
        Cleanup.shared.killOnExit(pid)

        let reader = output.fileHandleForReading
        var buffer = Data()
        var port: Int?
        let deadline = Date().addingTimeInterval(30)
        while port == nil && Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty {
                if !process.isRunning { break }
                continue
            }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if text[range.upperBound...].dropFirst(digits.count).first == "\n" { port = Int(digits) }
            }
        }
        guard let port else {
            if process.isRunning { kill(pid, SIGKILL) }
            throw BenchFailure("audit-server serve did not start listening; it printed: \(String(decoding: buffer, as: UTF8.self))")
        }
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
        // Keep draining stdout so a chatty server never blocks on a full pipe.
        let drain = Thread {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { return }
                log.write(chunk)
            }
        }
        drain.name = "bench.server-stdout"
        drain.start()
    }

    var isRunning: Bool { process.process.isRunning }

    /// Fields of `/proc/PID/status`, in KiB: `VmRSS` (resident now), `VmHWM` (peak resident), and `Threads` (a count).
    func status() -> [String: Int] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return [:] }
        var fields: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, ["VmRSS", "VmHWM", "Threads", "RssAnon", "RssFile"].contains(String(parts[0])) else { continue }
            fields[String(parts[0])] = Int(parts[1].split(whereSeparator: \.isWhitespace).first ?? "")
        }
        return fields
    }

    /// Resets the kernel's peak-RSS mark to the current RSS (`echo 5 > /proc/PID/clear_refs`), so that
    /// `VmHWM` afterwards is the peak of what follows. Returns false where the kernel refuses.
    func resetPeakRSS() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/\(pid)/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// User + system CPU seconds the server used so far (`/proc/PID/stat` fields 14 and 15).
    func cpuSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After "(comm)" the fields start at field 3 (state), so utime (14) is at offset 11.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// How a stop went.
    enum StopOutcome: Sendable {
        case exited(status: Int32, after: Duration)
        case killed(after: Duration)
        case alreadyGone
    }

    /// Sends SIGTERM and waits up to `limit` for the process to exit; SIGKILLs it if it does not.
    func stop(within limit: Duration = .seconds(10)) async -> StopOutcome {
        guard process.process.isRunning else { return .alreadyGone }
        let clock = ContinuousClock()
        let start = clock.now
        kill(pid, SIGTERM)
        while process.process.isRunning && clock.now - start < limit {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.process.isRunning {
            kill(pid, SIGKILL)
            process.process.waitUntilExit()
            Cleanup.shared.forget(pid)
            return .killed(after: clock.now - start)
        }
        process.process.waitUntilExit()
        Cleanup.shared.forget(pid)
        return .exited(status: process.process.terminationStatus, after: clock.now - start)
    }

    /// SIGKILL now, for error paths.
    func killNow() {
        guard process.process.isRunning else { return }
        kill(pid, SIGKILL)
        process.process.waitUntilExit()
        Cleanup.shared.forget(pid)
    }
}

/// `Process` is not `Sendable`; this one is only read (isRunning, status) and waited on.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
}

/// What to undo however the benchmark ends: child processes to kill and directories to remove,
/// also on Ctrl-C (SIGINT) and SIGTERM.
final class Cleanup: Sendable {
    static let shared = Cleanup()

    private struct State {
        var pids: Set<Int32> = []
        var directories: [String] = []
        var actions: [@Sendable () -> Void] = []
    }
    private let state = Mutex(State())
    /// Kept alive for the life of the process; set once, from the main task, before any other work.
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    func killOnExit(_ pid: Int32) { state.withLock { _ = $0.pids.insert(pid) } }
    func forget(_ pid: Int32) { state.withLock { _ = $0.pids.remove(pid) } }
    func removeOnExit(_ directory: String) { state.withLock { $0.directories.append(directory) } }
    /// Runs `action` on exit, after the children are killed and before the directories go
    /// (stopping a database cluster the children used).
    func onExit(_ action: @escaping @Sendable () -> Void) { state.withLock { $0.actions.append(action) } }

    /// Kills every registered child (SIGKILL), runs the exit actions, and removes every registered directory.
    func run() {
        let (pids, directories, actions) = state.withLock { state in
            defer { state.pids.removeAll(); state.directories.removeAll(); state.actions.removeAll() }
            return (state.pids, state.directories, state.actions)
        }
        for pid in pids { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) }
        for action in actions.reversed() { action() }
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// On SIGINT or SIGTERM: clean up, then exit with 128 + the signal number.
    func installSignalHandlers() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                FileHandle.standardError.write(Data("\nfieldaudit-bench: interrupted; stopping audit-server and removing the data directory\n".utf8))
                run()
                exit(128 + number)
            }
            source.resume()
            Self.signalSources.append(source)
        }
    }
}
