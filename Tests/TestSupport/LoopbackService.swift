import Foundation

/// Something listening on a loopback port: a test server, a proxy.
public protocol LoopbackService {
    /// The port it listens on.
    var port: Int { get }
}

extension LoopbackService {
    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)")!
    }

    /// The URL of `path` on it, e.g. `url("/sync/pull?cursor=3")`.
    public func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)" + (path.hasPrefix("/") ? path : "/" + path))!
    }
}

extension TestHTTPServer: LoopbackService {}
extension FaultProxy: LoopbackService {}
