import Foundation

/// Reads one HTTP/1.1 request (request line, headers, body by `Content-Length` or chunked) from a
/// connection.
enum RequestParser {
    /// Reads a request, or returns `nil` if the bytes are not a well-formed request or the
    /// connection ends early.
    ///
    /// - Parameters:
    ///   - reader: The connection's reader.
    ///   - index: The value for ``TestHTTPRequest/index``.
    ///   - sendContinue: Called when the client sent `Expect: 100-continue`, before reading the body.
    static func read(from reader: inout ConnectionReader, index: Int, sendContinue: () -> Void) -> TestHTTPRequest? {
        guard let head = reader.readHead() else { return nil }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/") else { return nil }

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append((
                String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            ))
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value
        }

        if header("expect")?.lowercased() == "100-continue" { sendContinue() }

        var body: [UInt8] = []
        if header("transfer-encoding")?.lowercased().contains("chunked") == true {
            while true {
                guard let sizeLine = reader.readLine(),
                      let size = Int(sizeLine.split(separator: ";")[0].trimmingCharacters(in: .whitespaces), radix: 16)
                else { return nil }
                if size == 0 {
                    // Skip trailer fields up to the blank line.
                    while let trailer = reader.readLine(), !trailer.isEmpty {}
                    break
                }
                guard let chunk = reader.readExactly(size), reader.readLine() != nil else { return nil }
                body += chunk
            }
        } else if let lengthText = header("content-length") {
            guard let length = Int(lengthText), length >= 0, let bytes = reader.readExactly(length) else { return nil }
            body = bytes
        }

        return TestHTTPRequest(
            index: index,
            method: String(requestLine[0]),
            target: String(requestLine[1]),
            version: String(requestLine[2]),
            headers: headers,
            body: Data(body)
        )
    }
}
