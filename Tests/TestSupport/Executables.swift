import Foundation

/// Finds the project's built executables (audit-server, audit-terminal) next to the test bundle.
public enum Executables {
    /// The folder the build put the products in; `FIELDAUDIT_BIN` overrides it.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["FIELDAUDIT_BIN"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The path of the executable `name`.
    public static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}

/// The outcome of a finished command.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// The last non-empty line of standard output.
    public var lastLine: String {
        stdout.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
    }
}

/// The environment commands run in: the test's own, in the C locale (English messages, whatever
/// the locale of the person running the tests), with `environment` on top.
public func commandEnvironment(_ environment: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    env["LANG"] = "C.UTF-8"
    for (key, value) in environment { env[key] = value }
    return env
}

/// Runs a command to completion and collects its output; messages are in English unless
/// `environment` names another locale (see ``commandEnvironment(_:)``).
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : Executables.path(executable))
    process.arguments = arguments
    let env = commandEnvironment(environment)
    process.environment = env
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try? inPipe.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a chatty child cannot block on a full pipe.
    let errData = ErrorCollector(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.wait(), as: UTF8.self))
}

/// Reads a pipe to its end on a thread of its own.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
