import Foundation
import Logging

/// Reads positions from gpsd, the standard Linux GPS daemon, over its JSON protocol on TCP.
///
/// It connects (by default to 127.0.0.1:2947), sends `?WATCH={"enable":true,"json":true}`, and turns
/// the `TPV` and `SKY` reports into fixes (see ``GpsdReportDecoder``). When the connection fails or
/// drops it waits as ``ReconnectPolicy`` says and connects again, for as long as the sequence is
/// consumed; the sequence itself never fails. The blocking socket work runs on a thread of its own,
/// and cancelling the consuming task closes the connection within a fraction of a second.
public struct GpsdClient: PositionSource {
    /// The daemon's host name or address.
    public var host: String
    /// The daemon's TCP port.
    public var port: Int
    /// How long to wait between attempts.
    public var reconnect: ReconnectPolicy
    /// How long one connection attempt may take.
    public var connectTimeout: Duration
    /// Where connection trouble is reported.
    public var logger: Logger

    /// The command that starts the JSON report stream.
    public static let watchCommand = #"?WATCH={"enable":true,"json":true}"#

    /// Creates a client for gpsd at `host:port`.
    public init(host: String = "127.0.0.1", port: Int = PositionSourceSpec.defaultGpsdPort, reconnect: ReconnectPolicy = ReconnectPolicy(),
                connectTimeout: Duration = .seconds(5), logger: Logger = Logger(label: "fieldaudit.gpsd")) {
        self.host = host
        self.port = port
        self.reconnect = reconnect
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// Starts the source; see ``PositionSource/events()``.
    public func events() -> AsyncThrowingStream<PositionEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<PositionEvent, any Error>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let stop = StopSignal()
        continuation.onTermination = { _ in stop.raise() }
        let client = self
        Thread.detachNewThread {
            client.run(until: stop) { continuation.yield(.fix($0)) }
            continuation.finish()
        }
        return stream
    }

    /// Connects, reads and reconnects until `stop` is raised.
    private func run(until stop: StopSignal, deliver: (Fix) -> Void) {
        var failures = 0
        while !stop.isRaised {
            do {
                let connection = try GpsdConnection(host: host, port: port, timeout: connectTimeout, isCancelled: { stop.isRaised })
                try connection.send(Self.watchCommand)
                logger.info("connected to gpsd", metadata: ["host": "\(host)", "port": "\(port)"])
                var decoder = GpsdReportDecoder()
                while let line = try connection.readLine(isCancelled: { stop.isRaised }) {
                    failures = 0
                    if let fix = decoder.decode(line: line) { deliver(fix) }
                }
            } catch {
                failures += 1
                let wait = reconnect.delay(afterFailures: failures)
                logger.warning("gpsd unavailable; trying again", metadata: ["error": "\(error)", "retry_in": "\(wait)"])
                stop.wait(for: wait)
            }
        }
    }
}
