/// Decodes the bytes a terminal sends into key, paste and mouse events.
///
/// The decoder is fed whatever each `read` returned; a sequence or UTF-8 character cut across
/// reads is held until it is complete. An Escape byte alone is ambiguous: it is either the Escape
/// key or the start of a sequence (or Alt with the next key). The decoder holds it, and the caller,
/// after a short quiet time (say 25–50 ms) with `hasPendingEscape`, calls `flushPendingEscape()`
/// to take it as the Escape key. Invalid UTF-8 becomes U+FFFD; no input makes it trap.
///
/// Understood: printable UTF-8 (a run read together is segmented into grapheme clusters), Enter,
/// Tab, Shift-Tab, Backspace (0x7F and 0x08), Ctrl-letters, Alt-anything as an Escape prefix,
/// arrows, Home/End (`CSI H/F`, `CSI 1~/4~`, `CSI 7~/8~`, `SS3 H/F`), Insert, Delete, PgUp/PgDn,
/// F1–F12 (`SS3 P–S`, `CSI 11~`…`CSI 24~`) with xterm modifier parameters, bracketed paste
/// (`CSI 200~` … `CSI 201~`) and SGR mouse (`CSI < b;x;y M/m`). Other sequences are dropped.
public struct InputDecoder: Sendable {
    /// Bytes received but not yet decoded.
    private var pending: [UInt8] = []
    /// The pasted bytes so far, while inside a bracketed paste.
    private var pasteBytes: [UInt8]? = nil

    private static let escapeByte: UInt8 = 0x1B
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)
    private static let longestSequence = 64

    /// A decoder with nothing pending.
    public init() {}

    /// Whether an Escape is being held that `flushPendingEscape()` would resolve: the caller
    /// should wait briefly for more input and then flush.
    public var hasPendingEscape: Bool {
        pasteBytes == nil && pending.first == Self.escapeByte
    }

    /// Decodes `bytes` together with anything held from earlier calls, and returns the events now
    /// complete, in order.
    public mutating func feed(_ bytes: [UInt8]) -> [InputEvent] {
        pending.append(contentsOf: bytes)
        return decodePending()
    }

    /// Resolves a held Escape after the quiet time: a lone Escape becomes `.key(.escape)`; an Escape
    /// followed by the start of an unfinished sequence (`ESC [`, `ESC O` …) is taken as Alt with the
    /// next key, and what follows is decoded as ordinary input. Does nothing otherwise.
    public mutating func flushPendingEscape() -> [InputEvent] {
        guard hasPendingEscape else { return [] }
        if pending.count == 1 {
            pending.removeAll()
            return [.key(.escape)]
        }
        let second = pending[1]
        guard second == UInt8(ascii: "[") || second == UInt8(ascii: "O") else { return [] }
        let rest = Array(pending.dropFirst(2))
        pending.removeAll()
        var events: [InputEvent] = [.key(.character(Character(Unicode.Scalar(second))), .alt)]
        events += feed(rest)
        events += flushPendingEscape()
        return events
    }

    // MARK: - Decoding

    private enum Step {
        /// Events decoded from the next `consumed` bytes.
        case decoded([InputEvent], consumed: Int)
        /// More bytes are needed.
        case incomplete
    }

    private enum ScalarStep {
        case scalar(Unicode.Scalar, length: Int)
        case invalid(length: Int)
        case incomplete
    }

    private mutating func decodePending() -> [InputEvent] {
        var events: [InputEvent] = []
        var index = 0
        while true {
            if pasteBytes != nil {
                if let end = Self.find(Self.pasteEnd, in: pending, from: index) {
                    pasteBytes!.append(contentsOf: pending[index..<end])
                    events.append(.paste(String(decoding: pasteBytes!, as: UTF8.self)))
                    pasteBytes = nil
                    index = end + Self.pasteEnd.count
                    continue
                }
                // Keep a tail that may be the start of the end marker.
                let keep = min(Self.pasteEnd.count - 1, pending.count - index)
                pasteBytes!.append(contentsOf: pending[index..<(pending.count - keep)])
                index = pending.count - keep
                break
            }
            guard index < pending.count else { break }
            guard case .decoded(let decoded, let consumed) = step(at: index) else { break }
            events += decoded
            index += consumed
        }
        pending.removeFirst(index)
        return events
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count - start >= needle.count else { return nil }
        var position = start
        while position + needle.count <= haystack.count {
            if haystack[position] == needle[0], haystack[position..<(position + needle.count)].elementsEqual(needle) {
                return position
            }
            position += 1
        }
        return nil
    }

    /// Decodes one unit starting at `index`.
    private mutating func step(at index: Int) -> Step {
        let byte = pending[index]
        guard byte == Self.escapeByte else { return plain(at: index) }
        guard index + 1 < pending.count else { return .incomplete }
        let next = pending[index + 1]
        switch next {
        case UInt8(ascii: "["):
            return controlSequence(at: index)
        case UInt8(ascii: "O"):
            guard index + 2 < pending.count else { return .incomplete }
            let key: Key?
            switch pending[index + 2] {
            case UInt8(ascii: "M"): key = .enter
            case UInt8(ascii: "R"): key = .function(3)
            case let final: key = Self.letterKey(final)
            }
            if let key { return .decoded([.key(key)], consumed: 3) }
            return .decoded([.key(.character("O"), .alt)], consumed: 2)
        case Self.escapeByte:
            return .decoded([.key(.escape)], consumed: 1)
        default:
            // Alt with the next key.
            guard case .decoded(var events, let consumed) = plain(at: index + 1) else { return .incomplete }
            if case .key(let key, let modifiers)? = events.first {
                events[0] = .key(key, modifiers.union(.alt))
            }
            return .decoded(events, consumed: consumed + 1)
        }
    }

    /// A control byte or a run of printable UTF-8 text starting at `index` (not at an Escape).
    private func plain(at index: Int) -> Step {
        let byte = pending[index]
        if byte < 0x20 || byte == 0x7F {
            return .decoded([.key(Self.controlKey(byte).0, Self.controlKey(byte).1)], consumed: 1)
        }
        // Printable text: take every complete scalar available up to the next control byte, so that
        // a grapheme cluster read at once (a base with combining marks) is one event.
        var text = ""
        var position = index
        scan: while position < pending.count {
            let lead = pending[position]
            if lead < 0x20 || lead == 0x7F { break }
            switch decodeScalar(at: position) {
            case .scalar(let scalar, let length):
                text.unicodeScalars.append(scalar)
                position += length
            case .invalid(let length):
                text.unicodeScalars.append("\u{FFFD}")
                position += length
            case .incomplete:
                break scan
            }
        }
        if position == index { return .incomplete }
        return .decoded(text.map { .key(.character($0)) }, consumed: position - index)
    }

    private static func controlKey(_ byte: UInt8) -> (Key, KeyModifiers) {
        switch byte {
        case 0x0D, 0x0A: return (.enter, [])
        case 0x09: return (.tab, [])
        case 0x7F, 0x08: return (.backspace, [])
        case 0x00: return (.character(" "), .control)
        case 0x01...0x1A: return (.character(Character(Unicode.Scalar(byte - 1 + UInt8(ascii: "a")))), .control)
        case 0x1C: return (.character("\\"), .control)
        case 0x1D: return (.character("]"), .control)
        case 0x1E: return (.character("^"), .control)
        default: return (.character("_"), .control)
        }
    }

    /// One UTF-8 scalar at `position`. An ill-formed sequence yields `.invalid` covering its
    /// maximal valid prefix (at least one byte), as `String(decoding:as:)` does.
    private func decodeScalar(at position: Int) -> ScalarStep {
        let lead = pending[position]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return .scalar(Unicode.Scalar(lead), length: 1)
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: return .invalid(length: 1)
        }
        for offset in 1..<length {
            guard position + offset < pending.count else { return .incomplete }
            let byte = pending[position + offset]
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            if offset == 1 {
                switch lead {
                case 0xE0: low = 0xA0
                case 0xED: high = 0x9F
                case 0xF0: low = 0x90
                case 0xF4: high = 0x8F
                default: break
                }
            }
            guard byte >= low, byte <= high else { return .invalid(length: offset) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return .invalid(length: length) }
        return .scalar(scalar, length: length)
    }

    /// A control sequence `ESC [ parameters final` at `index`.
    private mutating func controlSequence(at index: Int) -> Step {
        var position = index + 2
        while position < pending.count, (0x20...0x3F).contains(pending[position]) {
            position += 1
            if position - index > Self.longestSequence { break }
        }
        let malformed = Step.decoded([.key(.character("["), .alt)], consumed: 2)
        if position - index > Self.longestSequence { return malformed }
        guard position < pending.count else { return .incomplete }
        let final = pending[position]
        guard (0x40...0x7E).contains(final) else { return malformed }
        let parameters = String(decoding: pending[(index + 2)..<position], as: UTF8.self)
        let consumed = position - index + 1
        if parameters.hasPrefix("<") {
            return .decoded(Self.mouse(parameters.dropFirst(), release: final == UInt8(ascii: "m")), consumed: consumed)
        }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first ?? nil
        let modifiers = numbers.count > 1 ? KeyModifiers(xtermParameter: numbers[1] ?? 1) : []
        let key: Key?
        switch final {
        case UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "C"), UInt8(ascii: "D"),
             UInt8(ascii: "H"), UInt8(ascii: "F"), UInt8(ascii: "P"), UInt8(ascii: "Q"), UInt8(ascii: "S"):
            key = Self.letterKey(final)
        case UInt8(ascii: "R"): key = parameters.isEmpty ? nil : .function(3)  // bare CSI R is a cursor report
        case UInt8(ascii: "Z"): return .decoded([.key(.tab, .shift)], consumed: consumed)
        case UInt8(ascii: "~"):
            switch first {
            case 200:
                pasteBytes = []
                return .decoded([], consumed: consumed)
            case 1, 7: key = .home
            case 2: key = .insert
            case 3: key = .delete
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            case let n? where (11...15).contains(n): key = .function(n - 10)
            case let n? where (17...21).contains(n): key = .function(n - 11)
            case let n? where (23...24).contains(n): key = .function(n - 12)
            default: key = nil
            }
        default:
            key = nil
        }
        guard let key else { return .decoded([], consumed: consumed) }
        return .decoded([.key(key, modifiers)], consumed: consumed)
    }

    /// An SGR mouse report `b;x;y` (after the `<`).
    private static func mouse(_ parameters: Substring, release: Bool) -> [InputEvent] {
        let numbers = parameters.split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 3 else { return [] }
        let (code, x, y) = (numbers[0], numbers[1] - 1, numbers[2] - 1)
        var modifiers: KeyModifiers = []
        if code & 4 != 0 { modifiers.insert(.shift) }
        if code & 8 != 0 { modifiers.insert(.alt) }
        if code & 16 != 0 { modifiers.insert(.control) }
        let buttons: [MouseEvent.Button?] = [.left, .middle, .right, nil]
        let button = buttons[code & 3]
        let action: MouseEvent.Action
        if code & 64 != 0 {
            guard !release else { return [] }
            switch code & 3 {
            case 0: action = .wheelUp
            case 1: action = .wheelDown
            default: return []  // horizontal wheel
            }
        } else if code & 32 != 0 {
            action = button.map { .drag($0) } ?? .move
        } else {
            guard let button else { return [] }
            action = release ? .release(button) : .press(button)
        }
        return [.mouse(MouseEvent(action, x: max(0, x), y: max(0, y), modifiers: modifiers))]
    }
}

extension InputDecoder {
    /// The key a final letter names in both the SS3 (`ESC O x`) and CSI (`ESC [ … x`) forms:
    /// arrows, Home/End and F1, F2, F4 (F3's `R` differs between the forms).
    static func letterKey(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "S"): return .function(4)
        default: return nil
        }
    }
}
