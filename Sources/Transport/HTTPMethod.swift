/// The HTTP request methods ``HTTPClient`` sends.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `GET`: read a resource; never carries a body unless one is set explicitly.
    case get = "GET"
    /// `POST`: create or submit; always sends a body (empty when none is set).
    case post = "POST"
    /// `PUT`: replace a resource; always sends a body (empty when none is set).
    case put = "PUT"
    /// `PATCH`: change part of a resource; always sends a body (empty when none is set).
    case patch = "PATCH"
    /// `DELETE`: remove or retire a resource; sends a body only when one is set.
    case delete = "DELETE"
    /// `HEAD`: like `GET` without the response body; a request body is ignored.
    case head = "HEAD"

    /// The method's token as it appears on the request line, e.g. `"GET"`.
    public var description: String { rawValue }
}
