import Foundation

/// A real Kannel SMS gateway for a test: bearerbox, smsbox and Kannel's fake SMS centre
/// (fakesmsc), started by `scripts/sms-gateway` on free loopback ports of their own.
///
/// ```swift
/// try await PrivateKannel.with { kannel in
///     // … send through kannel.sendsmsURL as kannel.username / kannel.password …
///     let received = try await kannel.waitForMessages(count: 1)
/// }
/// ```
///
/// Starting fails (never skips) with the script's own words when Kannel is not installed:
/// `scripts/ensure-deps` installs the Debian packages `kannel` and `kannel-extras`.
///
/// The async methods run the script on a thread of their own, so that tests running side by side
/// do not hold the few threads Swift concurrency has while a gateway starts or stops.
public final class PrivateKannel: @unchecked Sendable {
    /// The gateway's directory (its kannel.conf, logs and `received.txt`).
    public let directory: String
    /// smsbox's sendsms URL.
    public let sendsmsURL: URL
    /// The sendsms user.
    public let username: String
    /// Its password.
    public let password: String
    private let lock = NSLock()
    private var stopped = false

    /// The script that runs the gateway.
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/sms-gateway").path

    /// Starts a gateway, runs `body` with it and stops it, whether `body` returns or throws.
    ///
    /// - Throws: ``PrivateKannelError`` when the gateway could not start, or what `body` throws.
    public static func with<Result>(_ body: (PrivateKannel) async throws -> Result) async throws -> Result {
        let kannel = try await offThread { try PrivateKannel() }
        do {
            let result = try await body(kannel)
            await kannel.stop()
            return result
        } catch {
            await kannel.stop()
            throw error
        }
    }

    /// Starts a gateway and waits until a message can go out (blocking the calling thread).
    ///
    /// - Throws: ``PrivateKannelError`` with the script's explanation when it could not start.
    public init() throws {
        let started = try run("/bin/bash", [Self.script, "start"])
        guard started.status == 0, !started.lastLine.isEmpty else {
            throw PrivateKannelError(description: "scripts/sms-gateway start failed (status \(started.status)): \(started.stderr)")
        }
        directory = started.lastLine
        let env = try run("/bin/bash", [Self.script, "env", directory])
        var values: [String: String] = [:]
        for line in env.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let url = values["FIELDAUDIT_SMS_URL"].flatMap(URL.init(string:)),
              let username = values["FIELDAUDIT_SMS_USER"], let password = values["FIELDAUDIT_SMS_PASSWORD"]
        else {
            _ = try? run("/bin/bash", [Self.script, "stop", directory])
            throw PrivateKannelError(description: "scripts/sms-gateway env printed no URL, user and password: \(env.stdout) \(env.stderr)")
        }
        sendsmsURL = url
        self.username = username
        self.password = password
    }

    /// Stops bearerbox alone, as an outage would; smsbox and fakesmsc lose it and end too.
    public func pause() async throws {
        try await Self.offThread { try self.script("pause") }
    }

    /// Starts again whatever is not running, on the same ports, and waits until messages go out.
    public func resume() async throws {
        try await Self.offThread { try self.script("resume") }
    }

    /// Stops the gateway and removes its directory. Calling it again does nothing.
    public func stop() async {
        _ = try? await Self.offThread { self.stopNow() }
    }

    /// Stops the gateway, blocking the calling thread.
    private func stopNow() {
        let wasStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        _ = try? run("/bin/bash", [Self.script, "stop", directory])
    }

    deinit { stopNow() }

    /// Every message the fake SMS centre has received so far, in order.
    public func received() -> [FakeSMSCMessage] {
        let path = (directory as NSString).appendingPathComponent("received.txt")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { FakeSMSCMessage(line: String($0)) }
    }

    /// Waits until the fake SMS centre has received at least `count` messages and returns them all.
    ///
    /// - Throws: ``PrivateKannelError`` naming what did arrive when fewer came within `timeout`.
    public func waitForMessages(count: Int, timeout: TimeInterval = 20) async throws -> [FakeSMSCMessage] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let messages = received()
            if messages.count >= count { return messages }
            guard Date() < deadline else {
                throw PrivateKannelError(description: "fakesmsc received \(messages.count) of \(count) messages in \(Int(timeout)) s: \(messages.map(\.line))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Runs blocking `work` on a thread of its own and returns its result.
    private static func offThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    private func script(_ command: String) throws {
        let result = try run("/bin/bash", [Self.script, command, directory])
        guard result.status == 0 else {
            throw PrivateKannelError(description: "scripts/sms-gateway \(command) failed (status \(result.status)): \(result.stderr)")
        }
    }
}

/// The private Kannel could not be started or driven.
public struct PrivateKannelError: Error, CustomStringConvertible {
    public var description: String
}
