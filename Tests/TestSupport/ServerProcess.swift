import Foundation

/// A real `audit-server serve` process on an ephemeral loopback port.
public final class ServerProcess: @unchecked Sendable {
    /// The data directory it serves.
    public let dataDirectory: String
    /// The port it listens on.
    public private(set) var port: Int = 0
    private var process: Process?
    private var logPath: String
    private var extraArguments: [String] = []
    private var environment: [String: String] = [:]

    /// Starts a server on `dataDirectory` and waits until it listens; `environment` is added to
    /// the test's own (secrets such as `FIELDAUDIT_SMS_PASSWORD`).
    public init(dataDirectory: String, extraArguments: [String] = [], environment: [String: String] = [:]) throws {
        self.dataDirectory = dataDirectory
        self.logPath = dataDirectory + "-server.log"
        self.extraArguments = extraArguments
        self.environment = environment
        try start()
    }

    /// `https` when the server was started with TLS (it printed `listening on https://…`), else `http`.
    public private(set) var scheme = "http"

    /// The base URL, for example `http://127.0.0.1:40123`.
    public var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

    /// The process id, while it runs.
    public var pid: Int32? { process?.processIdentifier }

    /// Starts (or restarts) the process; on `port`, or a free one when 0.
    public func start(port requested: Int = 0) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Executables.path("audit-server"))
        process.arguments = ["serve", "--data", dataDirectory, "--port", String(requested), "--log-level", "warning"] + extraArguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        process.standardOutput = out
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        self.process = process
        (scheme, port) = try Self.readAddress(from: out.fileHandleForReading, process: process)
    }

    static func readAddress(from handle: FileHandle, process: Process) throws -> (scheme: String, port: Int) {
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            // A read only once there is something to read, so that a server that never says where
            // it listens fails the test at the deadline instead of holding this thread for ever.
            guard POSIXSocket.waitReadable(handle.fileDescriptor, milliseconds: 200) else { continue }
            let chunk = handle.availableData
            if chunk.isEmpty {
                guard process.isRunning else { break }
                continue
            }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            for scheme in ["http", "https"] {
                if let range = text.range(of: "listening on \(scheme)://127.0.0.1:") {
                    let digits = text[range.upperBound...].prefix { $0.isNumber }
                    if let port = Int(digits), text[range.upperBound...].dropFirst(digits.count).first == "\n" {
                        return (scheme, port)
                    }
                }
            }
        }
        throw ProcessError.didNotStart(String(decoding: buffer, as: UTF8.self))
    }

    /// Starts the process again on the port it had, after a crash or a stop.
    public func restart() throws {
        var lastError: (any Error)?
        for _ in 0..<20 {
            do { try start(port: port); return } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        throw lastError!
    }

    /// Sends SIGTERM and waits up to `seconds` for a graceful exit.
    /// - Returns: the exit status, or `nil` if the process had to be killed because it did not exit.
    @discardableResult
    public func stop(within seconds: Double = 20) -> Int32? {
        guard let process, process.isRunning else { return process?.terminationStatus ?? 0 }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill9()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Kills the process with SIGKILL, as a power cut or the OOM killer would.
    public func kill9() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// What the server logged on standard error.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit { kill9() }

    /// Why a server did not come up.
    public enum ProcessError: Error, CustomStringConvertible {
        case didNotStart(String)
        public var description: String {
            switch self {
            case .didNotStart(let output): return "audit-server did not start listening; it printed: \(output)"
            }
        }
    }
}

/// A fresh temporary directory, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    public let path: String

    /// Creates one under the system's temporary directory.
    public init(_ label: String = "fieldaudit") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside it.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Deletes it and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
