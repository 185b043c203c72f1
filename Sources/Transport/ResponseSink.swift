import Compression
import Foundation

/// Collects what libcurl's callbacks deliver during one transfer: the status line's reason phrase,
/// the header fields and the body.
///
/// Used only on the transfer thread; libcurl reaches it through the opaque `userdata` pointer.
final class ResponseSink {
    /// Body bytes received so far, as they came off the wire (identity bodies only).
    private var body = Data()
    /// Decodes a `Content-Encoding: gzip` body as it arrives, with the size cap.
    private var inflater: GzipInflater?
    /// Whether the body has been looked at yet (the encoding is decided at its first byte).
    private var bodyStarted = false
    /// The largest decoded body accepted.
    let limit: Int
    /// Why the body was refused (too large, corrupt gzip), when it was; the transfer is aborted.
    private(set) var failure: String?
    /// Header fields of the last response seen (an interim `100 Continue` is replaced).
    private(set) var headers = HTTPHeaders()
    /// Reason phrase of the last status line seen.
    private(set) var reason = ""
    /// Checked by the progress callback; when set, the transfer is aborted.
    let cancellation: CancellationFlag

    /// Creates an empty sink observing `cancellation` that accepts bodies of up to `limit` bytes.
    init(cancellation: CancellationFlag, limit: Int) {
        self.cancellation = cancellation
        self.limit = limit
    }

    /// Takes body bytes, gunzipping them when the answer says `Content-Encoding: gzip`.
    /// - Returns: `false` to abort the transfer: the body passed ``limit`` or is not valid gzip.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if !bodyStarted {
            bodyStarted = true
            if headers["Content-Encoding"]?.lowercased() == "gzip" {
                do { inflater = try GzipInflater(limit: limit) } catch { return refuse("\(error)") }
            }
        }
        if let inflater {
            do { try inflater.append(bytes) } catch .tooLarge {
                return refuse("the answer is larger than \(limit) bytes once decompressed")
            } catch {
                return refuse("could not decode the compressed answer (\(error))")
            }
            return true
        }
        guard body.count + bytes.count <= limit else { return refuse("the answer is larger than \(limit) bytes") }
        body.append(contentsOf: bytes)
        return true
    }

    /// The whole body, decoded.
    /// - Throws: ``GzipError/truncated`` when a gzip body stopped before its end.
    func finishBody() throws(GzipError) -> Data {
        guard let inflater else { return body }
        return try inflater.finish()
    }

    private func refuse(_ reason: String) -> Bool {
        failure = reason
        return false
    }

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
            body = Data()
            inflater = nil
            bodyStarted = false
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            reason = parts.count == 3 ? String(parts[2]) : ""
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name: name, value: value)
        }
    }
}
