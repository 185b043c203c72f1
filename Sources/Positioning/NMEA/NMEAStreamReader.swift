/// Reads NMEA 0183 from a byte stream fed in chunks of any size: sentences out, rejections with reasons.
///
/// It never crashes and never stores more than one sentence's worth of bytes, whatever it is fed.
/// Framing follows the rules of ``NMEAFramer`` (comments, NUL bytes, glued and truncated sentences,
/// resynchronising on `$` and `!`); each frame is then checked (checksum, address) and decoded.
///
/// ```swift
/// var reader = NMEAStreamReader()
/// for chunk in chunks { for reading in reader.feed(chunk) { … } }
/// for reading in reader.finish() { … }
/// ```
public struct NMEAStreamReader: Sendable {
    private var framer: NMEAFramer
    private let decoder: NMEASentenceDecoder

    /// Creates a reader; see ``NMEAReaderOptions`` for the rule on sentences without a checksum.
    public init(options: NMEAReaderOptions = NMEAReaderOptions()) {
        framer = NMEAFramer(options: options)
        decoder = NMEASentenceDecoder(options: options)
    }

    /// Feeds the next bytes and returns what they complete.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [NMEAReading] where Bytes.Element == UInt8 {
        var frames: [NMEAFramer.Output] = []
        // One specialised loop over contiguous bytes, whatever collection the caller holds.
        if bytes.withContiguousStorageIfAvailable({ framer.feed($0, into: &frames) }) == nil {
            Array(bytes).withUnsafeBufferPointer { framer.feed($0, into: &frames) }
        }
        return frames.map(decode)
    }

    /// Ends the input and returns what was still open (a sentence without its end is truncated).
    public mutating func finish() -> [NMEAReading] {
        var frames: [NMEAFramer.Output] = []
        framer.finish(into: &frames)
        return frames.map(decode)
    }

    /// Reads a whole text at once (tests, the NMEA writer's round trip).
    public static func read(_ text: String, options: NMEAReaderOptions = NMEAReaderOptions()) -> [NMEAReading] {
        var reader = NMEAStreamReader(options: options)
        return reader.feed(text.utf8) + reader.finish()
    }

    private func decode(_ output: NMEAFramer.Output) -> NMEAReading {
        switch output {
        case .rejected(let rejection): .rejected(rejection)
        case .frame(let frame):
            switch decoder.decode(frame) {
            case .success(let sentence): .sentence(sentence)
            case .failure(let rejection): .rejected(rejection)
            }
        }
    }
}
