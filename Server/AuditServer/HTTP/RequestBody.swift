import Compression
import Foundation
import Hummingbird

/// Reading request bodies with a size limit, gunzipping `Content-Encoding: gzip` bodies as they
/// arrive.
///
/// The limit holds for the bytes received and for the bytes inflated: a gzip body is inflated
/// chunk by chunk through ``GzipInflater``, and the request is refused with `413 body_too_large` as
/// soon as the output passes the limit, so a "gzip bomb" costs the server at most `limit` bytes
/// of memory and the time to inflate them.
enum RequestBody {
    static func read(_ request: Request, limit: Int) async throws -> Data {
        let encoding = request.headers[.contentEncoding]?.lowercased()
        switch encoding {
        case nil, "identity":
            do {
                return Data(try await request.body.collect(upTo: limit).readableBytesView)
            } catch {
                throw APIError.bodyTooLarge(limit: limit)
            }
        case "gzip":
            return try await inflate(request.body, limit: limit)
        default:
            throw APIError(status: 415, code: "unsupported_encoding", detail: "Content-Encoding \(encoding ?? "") is not supported; use gzip or none")
        }
    }

    /// Inflates a gzip body as it streams in, refusing it once either side passes `limit`.
    static func inflate(_ body: Hummingbird.RequestBody, limit: Int) async throws -> Data {
        let inflater = try GzipInflater(limit: limit)
        var received = 0
        for try await chunk in body {
            received += chunk.readableBytes
            guard received <= limit else { throw APIError.bodyTooLarge(limit: limit) }
            do {
                try chunk.withUnsafeReadableBytes { bytes in try inflater.append(bytes) }
            } catch GzipError.tooLarge {
                throw APIError.bodyTooLarge(limit: limit)
            } catch {
                throw malformed(error)
            }
        }
        do { return try inflater.finish() } catch { throw malformed(error) }
    }

    private static func malformed(_ error: any Error) -> APIError {
        APIError(status: 400, code: "malformed_request", detail: "the gzip body could not be decompressed: \(error)")
    }
}
