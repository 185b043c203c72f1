/// Cuts a byte stream into sentence frames, whatever the stream holds.
///
/// The rules, applied byte by byte so that input may arrive in chunks of any size:
/// - A sentence starts at `$` or `!` and ends at its `*hh` checksum, at a line end (CR or LF), or,
///   cut off, at the next `$`/`!`, at a NUL byte or at the end of the input. Sentences glued together
///   (`…*1E$GPRMC,…`) therefore come apart, and the reader resynchronises on every `$` and `!`.
/// - A line whose first byte is `#` is a comment and is skipped whole, `$` signs included.
/// - NUL bytes and white space outside sentences are skipped; any other text outside a sentence is
///   reported once per run as ``NMEARejectionReason/strayText``.
/// - A frame longer than the configured maximum is refused as ``NMEARejectionReason/tooLong`` without
///   being stored, so memory stays bounded on any input.
struct NMEAFramer {
    enum Output {
        case frame(NMEAFrame)
        case rejected(NMEARejection)
    }

    private enum Mode {
        case idle, comment, frame, checksum(digits: Int, value: UInt8), afterChecksum, stray, discard
    }

    private let options: NMEAReaderOptions
    private var mode = Mode.idle
    private var atLineStart = true
    private var line = 1
    private var frameLine = 1
    private var start: UInt8 = 0
    private var body: [UInt8] = []
    private var overlong = false
    private var stray: [UInt8] = []

    init(options: NMEAReaderOptions) {
        self.options = options
    }

    /// Feeds bytes; frames and rejections complete in them are appended to `output`.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [Output]) {
        for byte in bytes { step(byte, into: &output) }
    }

    /// Ends the input: a sentence still open is reported as truncated.
    mutating func finish(into output: inout [Output]) {
        switch mode {
        case .frame, .checksum: output.append(.rejected(cut("the input ends inside the sentence")))
        case .stray: flushStray(into: &output)
        default: break
        }
        mode = .idle
        atLineStart = true
    }

    private static let dollar = UInt8(ascii: "$"), bang = UInt8(ascii: "!"), hash = UInt8(ascii: "#")
    private static let star = UInt8(ascii: "*"), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    private mutating func step(_ byte: UInt8, into output: inout [Output]) {
        if byte == Self.lf || byte == Self.cr {
            endLine(into: &output)
            if byte == Self.lf { line += 1 }
            return
        }
        if case .comment = mode { return }
        if byte == Self.dollar || byte == Self.bang {
            closeForNewStart(into: &output)
            begin(byte)
            return
        }
        let wasLineStart = atLineStart
        atLineStart = false
        switch mode {
        case .idle, .afterChecksum:
            if byte == Self.hash && wasLineStart, case .idle = mode {
                mode = .comment
            } else if byte != 0 && !Self.isSpace(byte) {
                mode = .stray
                stray = [byte]
            }
        case .frame:
            frameByte(byte, into: &output)
        case .checksum(let digits, let value):
            guard let digit = NMEAChecksum.hexValue(byte) else {
                output.append(.rejected(rejection(.malformedChecksum, detail: "'*' must be followed by two hexadecimal digits")))
                mode = .discard
                return
            }
            let sum = value << 4 | digit
            if digits == 1 {
                output.append(overlong ? .rejected(rejection(.tooLong, detail: "longer than \(options.maximumLength) bytes"))
                                       : .frame(NMEAFrame(start: start, body: body, checksum: sum, line: frameLine)))
                mode = .afterChecksum
            } else {
                mode = .checksum(digits: 1, value: sum)
            }
        case .stray:
            if byte != 0 && stray.count < 120 { stray.append(byte) }
        case .comment, .discard:
            break
        }
    }

    private mutating func frameByte(_ byte: UInt8, into output: inout [Output]) {
        if byte == Self.star {
            mode = .checksum(digits: 0, value: 0)
        } else if byte == 0 {
            output.append(.rejected(cut("a NUL byte interrupts the sentence")))
            mode = .discard
        } else if (0x20...0x7E).contains(byte) {
            if body.count < options.maximumLength { body.append(byte) } else { overlong = true }
        } else {
            output.append(.rejected(rejection(.invalidCharacter, detail: "byte 0x\(NMEAChecksum.hex(byte)) is not printable ASCII")))
            mode = .discard
        }
    }

    private mutating func begin(_ byte: UInt8) {
        mode = .frame
        atLineStart = false
        start = byte
        body.removeAll(keepingCapacity: true)
        overlong = false
        frameLine = line
    }

    private mutating func closeForNewStart(into output: inout [Output]) {
        switch mode {
        case .frame, .checksum:
            output.append(.rejected(cut("a new sentence starts before this one ends")))
        case .stray:
            flushStray(into: &output)
        default:
            break
        }
    }

    private mutating func endLine(into output: inout [Output]) {
        switch mode {
        case .frame:
            if overlong {
                output.append(.rejected(rejection(.tooLong, detail: "longer than \(options.maximumLength) bytes")))
            } else {
                output.append(.frame(NMEAFrame(start: start, body: body, checksum: nil, line: frameLine)))
            }
        case .checksum:
            output.append(.rejected(rejection(.malformedChecksum, detail: "the line ends inside the checksum")))
        case .stray:
            flushStray(into: &output)
        default:
            break
        }
        mode = .idle
        atLineStart = true
    }

    private mutating func flushStray(into output: inout [Output]) {
        output.append(.rejected(NMEARejection(reason: .strayText, line: line, text: NMEARejection.render(stray),
                                              detail: "text outside any sentence")))
        stray.removeAll(keepingCapacity: true)
        mode = .idle
    }

    private func cut(_ detail: String) -> NMEARejection {
        rejection(.truncated, detail: detail)
    }

    private func rejection(_ reason: NMEARejectionReason, detail: String) -> NMEARejection {
        NMEARejection(reason: reason, line: frameLine, text: NMEARejection.render([start] + body.prefix(120)), detail: detail)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
