import Foundation

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
