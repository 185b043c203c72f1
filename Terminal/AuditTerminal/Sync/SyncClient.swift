import Compression
import Foundation
import Shared
import Synchronization
import Transport

/// The terminal's side of the sync API: push, pull and packets over the libcurl transport.
public struct SyncClient: Sendable {
    /// The server's base URL, for example `http://10.0.0.5:8080`.
    public let server: URL
    let token: String
    let http: HTTPClient
    /// Bytes sent and received on the wire (compressed sizes where gzip was used).
    public let traffic = TrafficCounter()

    /// Request bodies at least this large are sent gzip-compressed.
    static let compressionThreshold = 1_024

    /// Creates a client for `server` that authenticates with the device token `token`.
    public init(server: URL, token: String, http: HTTPClient = HTTPClient()) {
        self.server = server
        self.token = token
        self.http = http
    }

    /// Pushes one batch; the server merges it once however often it is sent.
    public func push(_ batch: PushRequest) async throws -> PushResponse {
        var body = batch.encodeFast()
        var extra = ["Content-Type": "application/json"]
        if body.count >= Self.compressionThreshold {
            body = Gzip.compress(body, level: Gzip.syncLevel)
            extra["Content-Encoding"] = "gzip"
        }
        let request = HTTPRequest(method: .post, url: server.appending(path: "v1/sync/push"), headers: headers(extra), body: body)
        return try await send(request, decode: PushResponse.decodeFast)
    }

    /// Pulls changes after `cursor`, waiting up to `wait` seconds on the server when nothing is new.
    /// - Parameter findingsGeneration: the generation of the findings the tablet holds; the server
    ///   then leaves them out of a last page that brings nothing new. `nil` asks for them.
    public func pull(after cursor: Int64, wait: Int = 0, limit: Int? = nil, findingsGeneration: String? = nil) async throws -> PullResponse {
        var components = URLComponents(url: server.appending(path: "v1/sync/pull"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "cursor", value: String(cursor)), URLQueryItem(name: "wait", value: String(wait))]
            + (limit.map { [URLQueryItem(name: "limit", value: String($0))] } ?? [])
            + (findingsGeneration.map { [URLQueryItem(name: "findings_generation", value: $0)] } ?? [])
        let request = HTTPRequest(method: .get, url: components.url!, headers: headers(),
                                  timeout: .seconds(wait + 30))
        return try await send(request, decode: PullResponse.decodeFast)
    }

    /// Downloads one work order's packet.
    public func packet(_ workOrder: String) async throws -> WorkPacket {
        let request = HTTPRequest(method: .get, url: server.appending(path: "v1/packets/\(workOrder)"), headers: headers())
        return try await send(request, decode: WorkPacket.decodeFast)
    }

    fileprivate func headers(_ extra: [String: String] = [:]) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        for (name, value) in extra { headers[name] = value }
        return headers
    }

    /// Sends `request` and reads a successful answer with `decode` (the fast codec where there is one).
    fileprivate func send<Value>(_ request: HTTPRequest, decode: (Data) throws(WireError) -> Value) async throws -> Value {
        let body = try await answer(request)
        do {
            return try decode(body)
        } catch {
            throw SyncError.badAnswer("\(request.url.path): \(error.description)")
        }
    }

    /// Sends `request`, counts its bytes, and returns a successful answer's body; an error answer
    /// becomes ``SyncError/refused(status:body:)`` with the server's `{"error","detail"}`.
    fileprivate func answer(_ request: HTTPRequest) async throws -> Data {
        try await response(to: request).body
    }

    /// Sends `request`, counts its bytes, and returns a successful answer; an error answer
    /// becomes ``SyncError/refused(status:body:)``.
    fileprivate func response(to request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await http.send(request)
        traffic.record(sent: request.body?.count ?? 0,
                       received: response.headers["Content-Length"].flatMap(Int.init) ?? response.body.count)
        guard response.isSuccess else {
            let body = try? WireCoding.decode(APIErrorBody.self, from: response.body)
            throw SyncError.refused(status: response.status, body: body ?? APIErrorBody(error: "http_\(response.status)", detail: response.text ?? ""))
        }
        return response
    }
}

/// Why a sync call failed, beyond the transport's own errors.
public enum SyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server answered with an error.
    case refused(status: Int, body: APIErrorBody)
    /// The server's answer could not be read.
    case badAnswer(String)

    public var description: String {
        switch self {
        case .refused(let status, let body):
            return status == 401 ? "server answered 401: token rejected (\(body.detail))" : "server answered \(status): \(body.detail)"
        case .badAnswer(let detail): return "the server's answer could not be read: \(detail)"
        }
    }

    /// The HTTP status, when the server refused.
    public var status: Int? {
        if case .refused(let status, _) = self { return status }
        return nil
    }
}

extension SyncClient {
    /// The road map of a work order's area (a graph file), or `nil` when the server has none.
    public func map(_ workOrder: String) async throws -> Data? {
        let request = HTTPRequest(method: .get, url: server.appending(path: "v1/maps/\(workOrder)"),
                                  headers: headers(["Accept": "application/octet-stream"]))
        do {
            return try await answer(request)
        } catch SyncError.refused(404, let body) where body.error == "no_map" {
            return nil
        }
    }

    /// Asks the server for a new replica id after a push was refused as `replica_reused`
    /// (`POST /v1/device/replica`).
    public func newReplica() async throws -> ReplicaChange {
        let request = HTTPRequest(method: .post, url: server.appending(path: "v1/device/replica"), headers: headers(), body: Data())
        return try await send(request) { data throws(WireError) in try WireCoding.decode(ReplicaChange.self, from: data) }
    }

    /// Registers the tablet's evidence key `publicKey` (base64) with the server
    /// (`POST /v1/device/key`); idempotent, a device may hold several keys.
    public func registerKey(_ publicKey: String) async throws {
        let body = try WireCoding.encode(["public_key": publicKey])
        let request = HTTPRequest(method: .post, url: server.appending(path: "v1/device/key"),
                                  headers: headers(["Content-Type": "application/json"]), body: body)
        _ = try await answer(request)
    }

    /// The epoch of the server's store (header `FieldAudit-Store` on `GET /v1/device`): it
    /// changes when the store is restored from a backup. `nil` from a server that names none.
    public func storeEpoch() async throws -> String? {
        let request = HTTPRequest(method: .get, url: server.appending(path: "v1/device"), headers: headers())
        return try await response(to: request).headers["FieldAudit-Store"]
    }

    /// Who the token belongs to.
    public func whoami() async throws -> DeviceIdentity {
        let request = HTTPRequest(method: .get, url: server.appending(path: "v1/device"), headers: headers())
        return try await send(request) { data throws(WireError) in try WireCoding.decode(DeviceIdentity.self, from: data) }
    }
}

/// Counts the bytes a client moved, for status displays and benchmarks.
public final class TrafficCounter: Sendable {
    private let counts = Mutex((sent: 0, received: 0))

    /// Creates a counter at zero.
    public init() {}

    func record(sent: Int, received: Int) {
        counts.withLock { $0.sent += sent; $0.received += received }
    }

    /// Request body bytes sent so far.
    public var sent: Int { counts.withLock { $0.sent } }
    /// Response body bytes received so far, as they crossed the wire.
    public var received: Int { counts.withLock { $0.received } }
}
