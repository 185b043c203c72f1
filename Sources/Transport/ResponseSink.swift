import Foundation

/// Collects what libcurl's callbacks deliver during one transfer: the status line's reason phrase,
/// the header fields and the body.
///
/// Used only on the transfer thread; libcurl reaches it through the opaque `userdata` pointer.
final class ResponseSink {
    /// Body bytes received so far (already decoded from gzip by libcurl).
    private(set) var body = Data()
    /// Header fields of the last response seen (an interim `100 Continue` is replaced).
    private(set) var headers = HTTPHeaders()
    /// Reason phrase of the last status line seen.
    private(set) var reason = ""
    /// Checked by the progress callback; when set, the transfer is aborted.
    let cancellation: CancellationFlag

    /// Creates an empty sink observing `cancellation`.
    init(cancellation: CancellationFlag) {
        self.cancellation = cancellation
    }

    /// Appends body bytes.
    func appendBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }

    /// Whether the empty line that ends the last response's header block arrived. libcurl reports
    /// success when a connection closes cleanly in the middle of the headers; this tells the two apart.
    private(set) var headersComplete = false

    /// Takes one raw header line (status line, field, or the empty line ending the block).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty {
            headersComplete = true
        } else if line.hasPrefix("HTTP/") {
            headersComplete = false
            // A new response begins (after 100 Continue, or a redirect when followed): start over.
            headers = HTTPHeaders()
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            reason = parts.count == 3 ? String(parts[2]) : ""
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name: name, value: value)
        }
    }
}
