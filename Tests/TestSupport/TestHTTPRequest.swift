import Foundation

/// A request as ``TestHTTPServer`` received it: what a test asserts on.
public struct TestHTTPRequest: Sendable {
    /// Position in arrival order on this server, from 0. Handy for "fail twice, then succeed".
    public let index: Int
    /// The method token, e.g. `"GET"`.
    public let method: String
    /// The request target exactly as sent: usually `/path?query`; an absolute URL when the client
    /// talks to the server as to a proxy.
    public let target: String
    /// The HTTP version from the request line, e.g. `"HTTP/1.1"`.
    public let version: String
    /// Header fields in the order received, names as sent.
    public let headers: [(name: String, value: String)]
    /// The body (de-chunked if it came chunked).
    public let body: Data

    /// Creates a request record; the server makes these.
    public init(index: Int, method: String, target: String, version: String, headers: [(name: String, value: String)], body: Data) {
        self.index = index
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target without its query string, e.g. `/sync/pull`.
    public var path: String {
        String(target.prefix { $0 != "?" })
    }

    /// The query string without `?`, or `nil` if there is none.
    public var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...])
    }

    /// The first value of the header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
