/// The whole NMEA path in one piece: bytes in, sentences, rejections and assembled fixes out.
///
/// Each fix is reported right after the sentence that closed its epoch (and at ``finish()``).
public struct NMEADecoder: Sendable {
    private var reader: NMEAStreamReader
    private var assembler = NMEAFixAssembler()

    /// Creates a decoder with the reader's options.
    public init(options: NMEAReaderOptions = NMEAReaderOptions()) {
        reader = NMEAStreamReader(options: options)
    }

    /// Feeds the next bytes and returns the events they complete.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [PositionEvent] where Bytes.Element == UInt8 {
        events(reader.feed(bytes))
    }

    /// Ends the input: returns what was still open, including the last epoch's fix.
    public mutating func finish() -> [PositionEvent] {
        var events = events(reader.finish())
        if let fix = assembler.finish() { events.append(.fix(fix)) }
        return events
    }

    /// Decodes a whole text at once.
    public static func decode(_ text: String, options: NMEAReaderOptions = NMEAReaderOptions()) -> [PositionEvent] {
        var decoder = NMEADecoder(options: options)
        return decoder.feed(text.utf8) + decoder.finish()
    }

    private mutating func events(_ readings: [NMEAReading]) -> [PositionEvent] {
        var events: [PositionEvent] = []
        for reading in readings {
            switch reading {
            case .rejected(let rejection):
                events.append(.rejected(rejection))
            case .sentence(let sentence):
                if let fix = assembler.add(sentence) { events.append(.fix(fix)) }
                events.append(.sentence(sentence))
            }
        }
        return events
    }
}
