import Foundation
import Positioning

/// Reads a whole file of the shared GPS data through the NMEA decoder.
enum SharedLog {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: SharedData.gps.appendingPathComponent(name)))
    }

    /// Decodes `bytes`, fed in the chunk sizes given (cycled), then finishes.
    static func decode(_ bytes: [UInt8], chunkSizes: [Int] = [Int.max], options: NMEAReaderOptions = NMEAReaderOptions()) -> [PositionEvent] {
        var decoder = NMEADecoder(options: options)
        var events: [PositionEvent] = []
        var offset = 0, turn = 0
        while offset < bytes.count {
            let size = min(bytes.count, max(1, chunkSizes[turn % chunkSizes.count]))
            events += decoder.feed(bytes[offset..<min(bytes.count, offset + size)])
            offset += size
            turn += 1
        }
        return events + decoder.finish()
    }

    static func tally(_ events: [PositionEvent]) -> PositionTally {
        events.reduce(into: PositionTally()) { $0.add($1) }
    }
}
