import Compression
import Foundation

/// What ``TestHTTPServer`` should do with one request: answer (after an optional delay), or hang up.
public struct TestHTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The reason phrase; `nil` picks the standard one for ``status``.
    public var reason: String?
    /// Header fields to send. `Content-Length` is added when missing; `Connection: close` is always added.
    public var headers: [(name: String, value: String)]
    /// The body bytes, sent as they are (compress them yourself, or use ``gzipped()``).
    public var body: Data
    /// Time to wait before answering (or hanging up), for timeout tests. Stopping the server ends the wait.
    public var delay: Duration?
    /// When `true`, the server closes the connection without sending anything.
    public var closesWithoutAnswer: Bool

    /// Creates a response.
    public init(
        status: Int = 200,
        reason: String? = nil,
        headers: [(name: String, value: String)] = [],
        body: Data = Data(),
        delay: Duration? = nil,
        closesWithoutAnswer: Bool = false
    ) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.delay = delay
        self.closesWithoutAnswer = closesWithoutAnswer
    }

    /// A `text/plain; charset=utf-8` answer.
    public static func text(_ text: String, status: Int = 200) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    /// An `application/json` answer with the given JSON text.
    public static func json(_ json: String, status: Int = 200) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Data(json.utf8))
    }

    /// An `application/json` answer encoding `value`.
    public static func json<Value: Encodable>(encoding value: Value, status: Int = 200) throws -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: try JSONEncoder().encode(value))
    }

    /// Hang up without answering (the client sees an empty reply).
    public static let closeWithoutAnswer = TestHTTPResponse(closesWithoutAnswer: true)

    /// The same response, sent only after `delay`.
    public func delayed(by delay: Duration) -> TestHTTPResponse {
        var copy = self
        copy.delay = delay
        return copy
    }

    /// The same response with its body gzip-compressed and `Content-Encoding: gzip` set.
    public func gzipped() -> TestHTTPResponse {
        var copy = self
        copy.body = Gzip.compress(body)
        copy.headers.removeAll { $0.name.lowercased() == "content-encoding" }
        copy.headers.append(("Content-Encoding", "gzip"))
        return copy
    }

    /// The bytes on the wire: status line, headers, blank line, and the body unless `omitBody`.
    func serialized(omitBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason ?? Self.standardReason(status))\r\n"
        let hasLength = headers.contains { $0.name.lowercased() == "content-length" }
        for (name, value) in headers where name.lowercased() != "connection" {
            head += "\(name): \(value)\r\n"
        }
        if !hasLength && status >= 200 && status != 204 && status != 304 {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        return Array(head.utf8) + (omitBody ? [] : Array(body))
    }

    /// The usual reason phrase for `status`.
    static func standardReason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
