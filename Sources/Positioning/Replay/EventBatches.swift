import Foundation

/// Produces a replay's events in batches, read lazily so a long log is never held whole.
protocol EventBatches {
    /// The next batch, or `nil` at the end.
    mutating func next() throws -> [PositionEvent]?
}

/// Reads an NMEA log in chunks through ``NMEADecoder``.
struct NMEAFileBatches: EventBatches {
    private let handle: FileHandle
    private var decoder: NMEADecoder
    private var finished = false

    init(path: String, options: NMEAReaderOptions) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PositionSourceError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")
        }
        self.handle = handle
        decoder = NMEADecoder(options: options)
    }

    mutating func next() throws -> [PositionEvent]? {
        guard !finished else { return nil }
        let chunk = handle.readData(ofLength: 64 * 1024)
        if chunk.isEmpty {
            finished = true
            try? handle.close()
            return decoder.finish()
        }
        return decoder.feed(chunk)
    }
}

/// Reads a GPX file whole (GPX is XML and must be parsed as a document) and gives its fixes.
struct GPXFileBatches: EventBatches {
    private var events: [PositionEvent]?

    init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PositionSourceError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        do {
            events = try GPXTrackReader.read(contentsOf: URL(fileURLWithPath: path)).fixes.map(PositionEvent.fix)
        } catch let error as GPXError {
            throw PositionSourceError.badGPX(path: path, error)
        }
    }

    mutating func next() throws -> [PositionEvent]? {
        defer { events = nil }
        return events
    }
}
