import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real gpsd fed by gpsd's own `gpsfake`, replaying a log from ../shared/data/gps on a TCP port.
///
/// Foundation starts the child as the leader of a process group of its own, and the gpsd that
/// gpsfake starts stays in that group, so stopping kills the group: gpsfake and its gpsd.
/// (gpsfake ignores SIGTERM, so SIGKILL it is.)
public final class GpsFake: @unchecked Sendable {
    private let process = Process()
    /// The TCP port gpsd listens on.
    public let port: Int

    /// Where gpsfake lives; `nil` when gpsd-clients is not installed (scripts/ensure-deps installs it).
    public static var executable: String? {
        ["/usr/bin/gpsfake", "/usr/local/bin/gpsfake"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts replaying `log` over and over, one sentence every `cycle` seconds, on `port`.
    ///
    /// Not once only (`-1`): gpsfake feeds its pseudo-terminal whether or not gpsd has opened it yet,
    /// and gpsd opens it only when a client watches, so on a busy machine a single pass can be over
    /// before the client's watch arrives. Looping guarantees data keeps coming.
    public init(log: URL, port: Int, cycle: Double = 0.02) throws {
        guard FileManager.default.isReadableFile(atPath: log.path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: log.path]) }
        guard let gpsfake = Self.executable else {
            throw GpsFakeMissing()
        }
        self.port = port
        process.executableURL = URL(fileURLWithPath: gpsfake)
        process.arguments = ["-P", String(port), "-q", "-c", String(cycle), log.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Kills gpsfake and its gpsd.
    public func stop() {
        guard process.isRunning else { return }
        kill(-process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// gpsfake is not installed.
public struct GpsFakeMissing: Error, CustomStringConvertible {
    public var description: String { "gpsfake is not installed; run scripts/ensure-deps (Debian packages gpsd, gpsd-clients, python3-gps)" }
}
