import Foundation

/// A real haproxy (Debian's package) in front of server nodes, run from the repository's own
/// example configuration (`deploy/haproxy/fieldaudit.cfg`) with its listening address and backend
/// servers put in for the test: plain HTTP on a loopback port, the nodes' ports, no syslog, and a
/// connection limit a test process's file limit allows.
public final class HAProxy: @unchecked Sendable {
    private let process = Process()
    /// The port haproxy listens on.
    public let port: Int

    /// The base URL tablets use, `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Where haproxy lives; `nil` when it is not installed (scripts/ensure-deps installs it).
    public static var executable: String? {
        ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The example configuration shipped in the repository.
    public static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/haproxy/fieldaudit.cfg")

    /// Starts haproxy in the foreground, balancing over `nodes` (ports on 127.0.0.1); the
    /// configuration is written to `directory`.
    public init(nodes: [Int], directory: String) throws {
        guard let haproxy = Self.executable else {
            throw HAProxyError(description: "haproxy missing: run scripts/test, whose scripts/ensure-deps installs Debian's haproxy")
        }
        port = try TestPorts.closedPort()
        let file = (directory as NSString).appendingPathComponent("haproxy.cfg")
        try Self.configuration(nodes: nodes, port: port).write(toFile: file, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: haproxy)
        process.arguments = ["-db", "-f", file]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if TestPorts.isListening(port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw HAProxyError(description: "haproxy did not listen on port \(port)")
    }

    /// The example configuration with the test's address and nodes.
    static func configuration(nodes: [Int], port: Int) throws -> String {
        let example = try String(contentsOf: Self.example, encoding: .utf8)
        var lines: [String] = []
        for line in example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let words = line.split(separator: " ")
            switch words.first {
            case "log" where words.count > 1 && words[1] != "global": continue
            case "bind": if !lines.contains(where: { $0.contains("bind 127.0.0.1") }) { lines.append("    bind 127.0.0.1:\(port)") }
            // The example's 20,000 connections need a file limit a test process may not have.
            case "maxconn": lines.append("    maxconn 2000")
            case "http-request": continue
            case "server": continue
            default: lines.append(line)
            }
        }
        lines += nodes.enumerated().map { "    server node\($0.offset + 1) 127.0.0.1:\($0.element) check" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Stops haproxy.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// haproxy could not be started.
public struct HAProxyError: Error, CustomStringConvertible {
    public var description: String
}
