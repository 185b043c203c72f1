/// Buffered reading from one accepted connection.
struct ConnectionReader {
    /// Largest request head (request line + headers) accepted.
    static let maximumHeadSize = 64 * 1024

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Reads from `descriptor`, which the caller owns and closes.
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads through the blank line that ends the request head; returns the head without it.
    mutating func readHead() -> [UInt8]? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var searchFrom = 0
        while true {
            if let end = Self.find(terminator, in: buffer, from: searchFrom) {
                let head = Array(buffer[..<end])
                buffer.removeFirst(end + terminator.count)
                return head
            }
            searchFrom = max(0, buffer.count - terminator.count + 1)
            // A request line starts with an upper-case method token; anything else (a TLS
            // ClientHello, say) is rejected at once instead of waiting for a blank line.
            if let first = buffer.first, !(65...90).contains(first) { return nil }
            guard buffer.count < Self.maximumHeadSize, fill() else { return nil }
        }
    }

    /// Reads exactly `count` bytes, or returns `nil` if the stream ends first.
    mutating func readExactly(_ count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one CRLF-terminated line, without the CRLF.
    mutating func readLine() -> String? {
        var searchFrom = 0
        while true {
            if let end = Self.find([13, 10], in: buffer, from: searchFrom) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            searchFrom = max(0, buffer.count - 1)
            guard buffer.count < Self.maximumHeadSize, fill() else { return nil }
        }
    }

    private mutating func fill() -> Bool {
        let bytes = POSIXSocket.read(descriptor)
        buffer += bytes
        return !bytes.isEmpty
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
