import Foundation
import Shared
import Transport

/// Where the MIS job reads exports and delivers corrections: the MIS's HTTP interface, or files
/// for installations that exchange files (see README, "MIS interface").
enum MISEndpoint: Sendable {
    /// `GET {url}/customers?changed_since=T&page=N`, the same for `/devices`, `POST {url}/corrections`.
    case http(URL, HTTPClient)
    /// Full exports read from files; corrections written as JSON files into a directory.
    case files(customers: String?, devices: String?, outbox: String)

    /// Every page of the export of `collection` (`customers` or `devices`) changed since `mark`.
    func export<Record: AuditRecord>(_ collection: String, importer: RecordImporter<Record>, since mark: String?,
                                     progress: (Int, Int) -> Void) async throws -> [MISPage<Record>] {
        switch self {
        case .files(let customers, let devices, _):
            guard let path = collection == "customers" ? customers : devices else { return [] }
            guard let body = FileManager.default.contents(atPath: path) else {
                throw MISError("cannot read \(path): no such file or not readable")
            }
            let page = try MISPage.read(body, contentType: path.lowercased().hasSuffix(".json") ? "application/json" : "text/csv",
                                        page: 0, importer: importer, source: path)
            progress(1, 1)
            return [page]
        case .http(let base, let client):
            var pages: [MISPage<Record>] = []
            var number = 1
            repeat {
                var components = URLComponents(url: base.appendingPathComponent(collection), resolvingAgainstBaseURL: false)!
                components.queryItems = (mark.map { [URLQueryItem(name: "changed_since", value: $0)] } ?? [])
                    + [URLQueryItem(name: "page", value: String(number))]
                let url = components.url!
                let response = try await Self.send(HTTPRequest(url: url, headers: ["Accept": "application/json, text/csv"]), client)
                var headers: [String: String] = [:]
                for name in ["X-MIS-Pages", "X-MIS-As-Of"] { headers[name.lowercased()] = response.headers[name] }
                pages.append(try MISPage.read(response.body, contentType: response.headers["Content-Type"], headers: headers,
                                              page: number, importer: importer, source: "GET \(url.absoluteString)"))
                progress(number, pages[0].pages)
                number += 1
            } while number <= pages[0].pages
            return pages
        }
    }

    /// Delivers one batch of corrections; returns what the MIS refused.
    func deliver(_ batch: MISCorrectionBatch) async throws -> MISCorrectionAnswer {
        let body = try WireCoding.encode(batch)
        switch self {
        case .files(_, _, let outbox):
            try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
            let path = (outbox as NSString).appendingPathComponent("corrections-\(batch.batchID).json")
            try body.write(to: URL(fileURLWithPath: path), options: .atomic)
            return MISCorrectionAnswer()
        case .http(let base, let client):
            let request = HTTPRequest(method: .post, url: base.appendingPathComponent("corrections"),
                                      headers: ["Content-Type": "application/json", "Idempotency-Key": batch.batchID], body: body)
            let response = try await Self.send(request, client)
            guard !response.body.isEmpty else { return MISCorrectionAnswer() }
            do { return try WireCoding.decode(MISCorrectionAnswer.self, from: response.body) } catch {
                throw MISError("POST \(request.url.absoluteString): the answer is not readable: \(error)")
            }
        }
    }

    private static func send(_ request: HTTPRequest, _ client: HTTPClient) async throws -> HTTPResponse {
        let response: HTTPResponse
        do { response = try await client.send(request) } catch {
            throw MISError("\(request.method.rawValue) \(request.url.absoluteString): \(error)")
        }
        guard response.isSuccess else {
            throw MISError("\(request.method.rawValue) \(request.url.absoluteString): the MIS answered \(response.status) \(response.text?.prefix(200) ?? "")")
        }
        return response
    }
}
