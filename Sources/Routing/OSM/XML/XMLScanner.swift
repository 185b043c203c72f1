/// A cursor over the bytes of an XML document that understands just enough XML for OSM files:
/// start and end tags with quoted attributes, comments, processing instructions, CDATA and
/// declarations (skipped), and text between tags (ignored). Every failure names its byte offset.
struct XMLScanner {
    let bytes: UnsafeRawBufferPointer
    let file: String
    /// Where the scanner stands.
    var position = 0

    init(bytes: UnsafeRawBufferPointer, file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// One piece of markup.
    enum Markup {
        /// `<name attr="v" …>` or `<name … />`: name and attribute byte ranges.
        case start(name: Range<Int>, attributes: [(name: Range<Int>, value: Range<Int>)], selfClosing: Bool)
        /// `</name>`.
        case end(name: Range<Int>)
    }

    func error(_ reason: String, at offset: Int? = nil) -> OSMReadError {
        OSMReadError(file: file, offset: offset ?? position, reason: reason)
    }

    /// The next start or end tag, or nil at the end of the document.
    mutating func next() throws(OSMReadError) -> Markup? {
        while true {
            guard let open = find(UInt8(ascii: "<"), from: position) else {
                position = bytes.count
                return nil
            }
            position = open + 1
            guard position < bytes.count else { throw error("file ends inside a tag", at: open) }
            switch bytes[position] {
            case UInt8(ascii: "?"):
                try skip(past: "?>", from: open, what: "processing instruction")
            case UInt8(ascii: "!"):
                if matches("!--", at: position) {
                    try skip(past: "-->", from: open, what: "comment")
                } else if matches("![CDATA[", at: position) {
                    try skip(past: "]]>", from: open, what: "CDATA section")
                } else {
                    try skip(past: ">", from: open, what: "declaration")
                }
            case UInt8(ascii: "/"):
                position += 1
                let name = readName()
                guard !name.isEmpty else { throw error("end tag without a name", at: open) }
                skipSpace()
                guard position < bytes.count else { throw error("file ends inside a tag", at: open) }
                guard bytes[position] == UInt8(ascii: ">") else { throw error("expected '>' to close an end tag") }
                position += 1
                return .end(name: name)
            default:
                return try readStartTag(openedAt: open)
            }
        }
    }

    private mutating func readStartTag(openedAt open: Int) throws(OSMReadError) -> Markup {
        let name = readName()
        guard !name.isEmpty else { throw error("'<' not followed by a tag name", at: open) }
        var attributes: [(name: Range<Int>, value: Range<Int>)] = []
        while true {
            skipSpace()
            guard position < bytes.count else { throw error("file ends inside a tag", at: open) }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            if byte == UInt8(ascii: "/") {
                position += 1
                guard position < bytes.count else { throw error("file ends inside a tag", at: open) }
                guard bytes[position] == UInt8(ascii: ">") else { throw error("expected '>' after '/'") }
                position += 1
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let attributeName = readName()
            guard !attributeName.isEmpty else { throw error("unexpected character in a tag") }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw error("attribute without '=' in a tag")
            }
            position += 1
            skipSpace()
            guard position < bytes.count else { throw error("file ends inside a tag", at: open) }
            let quote = bytes[position]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw error("attribute value not in quotes")
            }
            let start = position + 1
            guard let close = find(quote, from: start) else { throw error("file ends inside an attribute value", at: start) }
            attributes.append((attributeName, start..<close))
            position = close + 1
        }
    }

    private mutating func readName() -> Range<Int> {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<") {
                break
            }
            position += 1
        }
        return start..<position
    }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0a || bytes[position] == 0x0d {
            position += 1
        }
    }

    private mutating func skip(past terminator: StaticString, from open: Int, what: String) throws(OSMReadError) {
        let first = terminator.utf8Start[0]
        var from = position
        while let candidate = find(first, from: from) {
            if matches(terminator, at: candidate) {
                position = candidate + terminator.utf8CodeUnitCount
                return
            }
            from = candidate + 1
        }
        throw error("file ends inside a \(what)", at: open)
    }

    private func matches(_ text: StaticString, at offset: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        for index in 0..<count where bytes[offset + index] != text.utf8Start[index] { return false }
        return true
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Whether the bytes in `range` spell `text`.
    func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && matches(text, at: range.lowerBound)
    }

    /// The text in `range` with the five XML entities and numeric character references decoded.
    func string(_ range: Range<Int>) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        return XMLEntities.decode(String(decoding: raw, as: UTF8.self))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
