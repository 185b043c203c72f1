import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TLS server for tests: `openssl s_server -www` with a fresh self-signed certificate for
/// 127.0.0.1, whose PEM file doubles as the CA file a client must trust.
final class OpenSSLTestServer {
    /// Where the `openssl` command line tool is expected.
    static let executable = "/usr/bin/openssl"

    /// Whether the `openssl` tool is installed, so the TLS tests can run.
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: executable)
    }

    /// The port `s_server` listens on (all interfaces, so 127.0.0.1 reaches it).
    let port: Int
    /// The self-signed certificate (PEM); trust it with `HTTPClientConfiguration.caFile`.
    let certificateFile: String
    private let directory: URL
    private let process: Process

    /// Makes a certificate and starts the server; returns once it accepts connections.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "fieldaudit-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        certificateFile = directory.appending(path: "cert.pem").path
        let keyFile = directory.appending(path: "key.pem").path

        let request = Process()
        request.executableURL = URL(filePath: Self.executable)
        request.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", keyFile, "-out", certificateFile, "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        request.standardOutput = FileHandle.nullDevice
        request.standardError = FileHandle.nullDevice
        try request.run()
        request.waitUntilExit()
        guard request.terminationStatus == 0 else { throw ServerError("openssl req exited with \(request.terminationStatus)") }

        let output = Pipe()
        process = Process()
        process.executableURL = URL(filePath: Self.executable)
        process.arguments = ["s_server", "-accept", "0", "-cert", certificateFile, "-key", keyFile, "-www"]
        process.standardOutput = output
        process.standardError = output
        try process.run()

        // s_server prints "ACCEPT [::]:PORT" once it listens. If it never does, stop it after
        // 10 s: that closes the pipe and ends the read below.
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { _ = kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)
        defer { watchdog.cancel() }
        var printed = ""
        while !printed.contains("\n") || !printed.contains("ACCEPT") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ServerError("openssl s_server exited: \(printed)") }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let line = printed.split(separator: "\n").first { $0.contains("ACCEPT") } ?? ""
        guard let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            _ = kill(process.processIdentifier, SIGKILL)
            throw ServerError("could not read the port from: \(printed)")
        }
        self.port = port
    }

    /// Stops the server and removes the certificate.
    func stop() {
        // SIGKILL, not Process.terminate(): a child spawned from a libdispatch worker thread can
        // inherit a signal mask that blocks SIGTERM, and would then never exit.
        _ = kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Setting up the TLS server failed.
    struct ServerError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
