import AuditTerminal
import Foundation
import Shared
import Transport

/// The big auditor's tablet fetching its whole scope: the work packet in one request, and the same
/// scope as pull pages from cursor 0.
struct ScopeFetch: Sendable {
    let client: SyncClient
    let http: HTTPClient
    let server: URL
    let token: String
    let workOrder: String
    /// The server's CPU seconds so far.
    let serverCPU: @Sendable () -> Double

    /// Figures of one way of fetching the scope.
    struct Figures: Sendable {
        /// Through `SyncClient`: request, transfer, gunzip and JSON decoding into record states.
        var client = Latencies()
        /// The same requests through the bare `HTTPClient`: no JSON decoding on the tablet.
        var raw = Latencies()
        var records = 0
        var requests = 0
        /// JSON bytes after libcurl undid the gzip.
        var decodedBytes = 0
        /// Bytes of the (compressed) bodies as sent, from `Content-Length`; 0 when the server sent none.
        var wireBytes = 0
        var encoding = "identity"
        /// Who used the cores during the fetches.
        var cpuLine = ""
    }

    /// `GET /v1/packets/{id}` through `SyncClient`; returns how many records it held.
    func packet() async throws -> Int {
        let packet = try await client.packet(workOrder)
        return packet.allRecords.count
    }

    /// `pull(after: 0, limit: 2000)` pages until `more` is false; returns records and requests.
    func pullAll() async throws -> (records: Int, requests: Int) {
        var cursor: Int64 = 0, records = 0, requests = 0
        while true {
            let page = try await client.pull(after: cursor, limit: SyncLimits.page)
            records += page.records.count
            requests += 1
            cursor = page.cursor
            if !page.more { return (records, requests) }
        }
    }

    /// The packet through the bare HTTP client: the body sizes and the headers.
    func rawPacket() async throws -> (decoded: Int, wire: Int, encoding: String) {
        let response = try await get(server.appending(path: "v1/packets/\(workOrder)"))
        return (response.body.count, Self.wireBytes(response), response.headers["Content-Encoding"] ?? "identity")
    }

    /// The pull pages through the bare HTTP client, decoding only `cursor` and `more` to page on.
    func rawPullAll() async throws -> (decoded: Int, wire: Int, encoding: String) {
        var cursor: Int64 = 0, decoded = 0, wire = 0
        var encoding = "identity"
        while true {
            var components = URLComponents(url: server.appending(path: "v1/sync/pull"), resolvingAgainstBaseURL: false)!
            components.queryItems = [URLQueryItem(name: "cursor", value: String(cursor)), URLQueryItem(name: "wait", value: "0"),
                                     URLQueryItem(name: "limit", value: String(SyncLimits.page))]
            let response = try await get(components.url!)
            decoded += response.body.count
            wire += Self.wireBytes(response)
            encoding = response.headers["Content-Encoding"] ?? encoding
            let page = try JSONDecoder().decode(PageHead.self, from: response.body)
            cursor = page.cursor
            if !page.more { return (decoded, wire, encoding) }
        }
    }

    private struct PageHead: Decodable {
        var cursor: Int64
        var more: Bool
    }

    private func get(_ url: URL) async throws -> HTTPResponse {
        let request = HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
        return try await http.send(request).checkSuccess()
    }

    private static func wireBytes(_ response: HTTPResponse) -> Int {
        Int(response.headers["Content-Length"] ?? "") ?? 0
    }
}
