import Foundation

/// Plays an NMEA log or a GPX track as a position source, as fast as possible or at recorded pace.
///
/// NMEA sentences and rejections are reported as they are read; each fix waits for its turn as
/// ``ReplayPace`` says. The file is opened when ``events()`` is called, and an unreadable file ends
/// the sequence with a ``PositionSourceError``.
public struct ReplaySource: PositionSource {
    /// The kind of file replayed.
    public enum Format: String, Hashable, Sendable {
        /// An NMEA 0183 log.
        case nmea
        /// A GPX 1.0/1.1 track.
        case gpx
    }

    /// The file's path.
    public var path: String
    /// The file's format.
    public var format: Format
    /// How fast to play.
    public var pace: ReplayPace
    /// The NMEA reader's rules (ignored for GPX).
    public var options: NMEAReaderOptions

    /// Creates a replay of the file at `path`.
    public init(path: String, format: Format, pace: ReplayPace = .asFastAsPossible, options: NMEAReaderOptions = NMEAReaderOptions()) {
        self.path = path
        self.format = format
        self.pace = pace
        self.options = options
    }

    /// Starts the source; see ``PositionSource/events()``.
    public func events() -> AsyncThrowingStream<PositionEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<PositionEvent, any Error>.makeStream(bufferingPolicy: .bufferingOldest(256))
        let replay = self
        let task = Task {
            do {
                try await replay.play(into: continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func play(into continuation: AsyncThrowingStream<PositionEvent, any Error>.Continuation) async throws {
        var batches: any EventBatches = switch format {
        case .nmea: try NMEAFileBatches(path: path, options: options)
        case .gpx: try GPXFileBatches(path: path)
        }
        var previous: FixTime?
        var isFirstFix = true
        while let batch = try batches.next() {
            for event in batch {
                if let fix = event.fix {
                    if !isFirstFix {
                        let wait = pace.delay(from: previous, to: fix.time)
                        if wait > .zero { try await Task.sleep(for: wait) }
                    }
                    isFirstFix = false
                    previous = fix.time ?? previous
                }
                try await deliver(event, to: continuation)
            }
        }
    }

    /// Yields, waiting while the consumer's buffer is full, so a fast reader never drops events.
    private func deliver(_ event: PositionEvent, to continuation: AsyncThrowingStream<PositionEvent, any Error>.Continuation) async throws {
        while true {
            try Task.checkCancellation()
            switch continuation.yield(event) {
            case .enqueued: return
            case .terminated: throw CancellationError()
            case .dropped: try await Task.sleep(for: .milliseconds(2))
            @unknown default: return
            }
        }
    }
}
