import Foundation

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
