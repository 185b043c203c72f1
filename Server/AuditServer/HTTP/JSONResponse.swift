import Compression
import Foundation
import Hummingbird
import Shared

/// JSON responses, gzip-compressed when the client accepts it and the body is large enough to gain.
enum JSONResponse {
    /// Bodies smaller than this are sent as they are.
    static let compressionThreshold = 1_024

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, for request: Request?) throws -> Response {
        make(encoded: try WireCoding.encode(value), status: status, for: request)
    }

    /// A response whose JSON body is already encoded.
    static func make(encoded data: Data, status: HTTPResponse.Status = .ok, for request: Request?) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        let acceptsGzip = request?.headers[.acceptEncoding]?.contains("gzip") ?? false
        if acceptsGzip, data.count >= compressionThreshold {
            headers[.contentEncoding] = "gzip"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Gzip.compress(data, level: Gzip.syncLevel))))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
