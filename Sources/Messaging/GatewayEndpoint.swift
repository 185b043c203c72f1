import Foundation
import Transport

/// A gateway's HTTP endpoint as results name it: scheme, host, port and path, never the query
/// (where Kannel's password is) or user information.
struct GatewayEndpoint {
    /// What the gateway is called in reasons, e.g. `Kannel` or `web hook`.
    let name: String
    /// The URL without query, fragment or user information.
    let shown: String

    init(_ url: URL, name: String) {
        self.name = name
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        components?.fragment = nil
        components?.user = nil
        components?.password = nil
        shown = components?.string ?? "\(url.scheme ?? "http")://\(url.host ?? "?")"
    }

    /// What an answer means: 2xx accepted, 4xx refused, anything else (5xx above all) retry later.
    func result(of response: HTTPResponse) -> SMSSendResult {
        let detail = Self.shortDetail(of: response)
        switch response.status {
        case 200...299:
            return .accepted(reply: detail.isEmpty ? "\(response.status)" : detail)
        case 400...499:
            return .refused(reason: "\(name) answered \(response.status)\(detail.isEmpty ? "" : ": \(detail)")")
        default:
            return .retryLater(reason: "\(name) answered \(response.status)\(detail.isEmpty ? "" : ": \(detail)")")
        }
    }

    /// A failed exchange in words, naming the endpoint without its query.
    func describe(_ error: any Error) -> String {
        switch error {
        case TransportError.unreachable(_, let reason):
            return "\(name) unreachable at \(shown): \(reason)"
        case TransportError.timedOut(_, let after):
            return "\(name) at \(shown) did not answer within \(after.components.seconds) s"
        case TransportError.connectionLost(_, let reason):
            return "connection to \(name) at \(shown) lost: \(reason)"
        case TransportError.tls(_, let reason):
            return "secure connection to \(name) at \(shown) failed: \(reason)"
        case TransportError.transfer(_, let reason):
            return "request to \(name) at \(shown) failed: \(reason)"
        case TransportError.invalidRequest(let reason):
            return "request to \(name) at \(shown) cannot be sent: \(reason)"
        case TransportError.status(let code, let detail):
            return "\(name) answered \(code): \(detail)"
        case is CancellationError:
            return "sending to \(name) was cancelled"
        default:
            return "request to \(name) at \(shown) failed: \(error)"
        }
    }

    /// The answer's first line of text, at most 200 characters; empty when the body is not text.
    static func shortDetail(of response: HTTPResponse) -> String {
        guard let text = response.text,
              let line = text.split(whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces)
        else { return "" }
        return line.count <= 200 ? line : String(line.prefix(199)) + "…"
    }
}
