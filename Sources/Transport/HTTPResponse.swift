import Foundation

/// A complete HTTP answer: status, headers and the (already decompressed) body.
///
/// ``HTTPClient/send(_:)`` returns a response for every status code, 4xx and 5xx included; call
/// ``checkSuccess()`` to turn a non-2xx answer into a ``TransportError/status(code:detail:)``.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code, e.g. 200.
    public var status: Int
    /// The reason phrase from the status line, e.g. `"OK"`; empty for HTTP/2 or when the server sent none.
    public var reason: String
    /// The response header fields, in the order received.
    public var headers: HTTPHeaders
    /// The body, after libcurl undid any `Content-Encoding` (gzip, deflate).
    public var body: Data
    /// The URL that was requested.
    public var url: URL

    /// Creates a response. ``HTTPClient`` makes these; tests and fakes can too.
    public init(status: Int, reason: String = "", headers: HTTPHeaders = [:], body: Data = Data(), url: URL) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// Whether the status is in 200–299.
    public var isSuccess: Bool { (200...299).contains(status) }

    /// The body decoded as UTF-8, or `nil` if it is not valid UTF-8.
    public var text: String? { String(data: body, encoding: .utf8) }

    /// Returns the response unchanged if its status is 2xx, and throws otherwise.
    ///
    /// ```swift
    /// let records = try await client.send(request).checkSuccess().decode([Record].self)
    /// ```
    ///
    /// - Throws: ``TransportError/status(code:detail:)`` whose description reads e.g.
    ///   `server answered 401: token rejected` or `server answered 503: <short explanation>`.
    @discardableResult
    public func checkSuccess() throws(TransportError) -> HTTPResponse {
        guard isSuccess else { throw .status(code: status, detail: errorDetail) }
        return self
    }

    /// Decodes the body as JSON.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - decoder: The decoder to use, for date or key strategies.
    /// - Throws: The decoder's error when the body is not valid JSON for `type`.
    public func decode<Value: Decodable>(_ type: Value.Type = Value.self, decoder: JSONDecoder = JSONDecoder()) throws -> Value {
        try decoder.decode(type, from: body)
    }

    /// The short explanation used in ``TransportError/status(code:detail:)``.
    var errorDetail: String {
        if status == 401 { return "token rejected" }
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            for key in ["error", "message", "reason", "detail"] {
                if let text = object[key] as? String, !text.isEmpty { return Self.shorten(text) }
            }
        }
        if let text, let line = text.split(whereSeparator: \.isNewline).first {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("<"), !trimmed.hasPrefix("{") { return Self.shorten(trimmed) }
        }
        if !reason.isEmpty { return reason.lowercased() }
        return "no explanation given"
    }

    /// Cuts `text` to at most 200 characters so an error stays one readable line.
    private static func shorten(_ text: String) -> String {
        let singleLine = text.replacingOccurrences(of: "\n", with: " ")
        return singleLine.count <= 200 ? singleLine : String(singleLine.prefix(199)) + "…"
    }
}
