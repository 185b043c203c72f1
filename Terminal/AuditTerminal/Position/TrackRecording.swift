import Dispatch
import Foundation
import Logging
import Positioning

/// The day's track recorded in the background of `sync --watch --gps`: follows the source into a
/// ``TrackLog``, closes the last batch when the source ends, and on SIGINT or SIGTERM closes it
/// before the program exits (its points were stored already; closing makes them a signed batch).
final class TrackRecording {
    let following: Task<Void, Never>
    let signals: [any DispatchSourceSignal]

    private init(following: Task<Void, Never>, signals: [any DispatchSourceSignal]) {
        self.following = following
        self.signals = signals
    }

    /// Starts recording `source` into `track`.
    static func start(_ track: TrackLog, from source: any PositionSource) -> TrackRecording {
        let logger = Logger(label: "audit-terminal.track")
        let following = Task.detached {
            do { try await track.follow(source) } catch is CancellationError {} catch {
                logger.warning("position source ended: \(error)")
            }
            await track.finish()
        }
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task {
                    await track.finish()
                    exit(128 + number)
                }
            }
            source.resume()
            return source
        }
        return TrackRecording(following: following, signals: signals)
    }

    /// Stops following the source (the batch is closed as the follower ends).
    func cancel() {
        following.cancel()
        signals.forEach { $0.cancel() }
    }
}
