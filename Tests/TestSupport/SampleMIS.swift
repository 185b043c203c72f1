import Foundation

/// A sample marketing MIS for tests: serves customer and device exports as the README's
/// "MIS interface" describes them, and records the corrections it receives. Not a product feature.
///
/// Rows carry a change counter; `GET /customers?changed_since=T&page=N` answers rows changed after
/// T in pages of ``pageSize``, with `as_of` the newest counter. A corrections batch is applied once
/// per `Idempotency-Key`, and the corrected rows count as changed.
public final class SampleMIS: @unchecked Sendable {
    /// The export format the MIS answers with.
    public enum Format: Sendable { case json, csv }

    private struct Row {
        var cells: [String: String]
        var changedAt: Int
    }

    private let lock = NSLock()
    private var customers: [String: Row] = [:]
    private var devices: [String: Row] = [:]
    private var rawItems: [String] = []
    private var clock = 0
    private var failures: [(path: String, status: Int)] = []
    private var appliedKeys = Set<String>()
    private var applied: [[String: Any]] = []
    private var correctionPosts = 0
    private var server: TestHTTPServer!

    /// Rows per page.
    public var pageSize = 3
    /// JSON or CSV exports.
    public var format = Format.json

    /// Starts the MIS on a free loopback port.
    public init() throws {
        server = try TestHTTPServer { [unowned self] request in self.answer(request) }
    }

    /// The base URL to give `audit-server mis sync --url`.
    public var url: String { "http://127.0.0.1:\(server.port)" }

    public func stop() { server.stop() }

    /// Adds or changes a customer (cells by import column); it counts as changed now.
    public func setCustomer(_ cells: [String: String]) {
        lock.withLock {
            clock += 1
            let account = cells["account"] ?? ""
            var merged = customers[account]?.cells ?? [:]
            merged.merge(cells) { _, new in new }
            customers[account] = Row(cells: merged, changedAt: clock)
        }
    }

    /// The MIS's current cells of a customer.
    public func customer(_ account: String) -> [String: String]? { lock.withLock { customers[account]?.cells } }

    /// A JSON item sent as it is with the next full customer export, such as a malformed row.
    public func addRawItem(_ json: String) { lock.withLock { rawItems.append(json) } }

    /// The next request to `path` (a prefix such as `/customers`) is answered with `status`.
    public func failNext(_ path: String, status: Int) { lock.withLock { failures.append((path, status)) } }

    /// Every correction applied, once per idempotency key, in order.
    public var appliedCorrections: [[String: Any]] { lock.withLock { applied } }

    /// How many `POST /corrections` requests arrived, repeats included.
    public var correctionRequests: Int { lock.withLock { correctionPosts } }

    /// Requests received, for assertions on the query.
    public var requests: [TestHTTPRequest] { server.requests }

    private func answer(_ request: TestHTTPRequest) -> TestHTTPResponse {
        lock.withLock {
            if let index = failures.firstIndex(where: { request.path.hasPrefix($0.path) }) {
                let failure = failures.remove(at: index)
                return .text("the MIS is busy", status: failure.status)
            }
            switch (request.method, request.path) {
            case ("GET", "/customers"): return export(customers, raw: rawItems, request: request, key: "account")
            case ("GET", "/devices"): return export(devices, raw: [], request: request, key: "serial")
            case ("POST", "/corrections"): return receive(request)
            default: return .text("no such resource", status: 404)
            }
        }
    }

    private func export(_ rows: [String: Row], raw: [String], request: TestHTTPRequest, key: String) -> TestHTTPResponse {
        let query = Self.query(request.query)
        let since = query["changed_since"].flatMap(Int.init) ?? 0
        let page = max(query["page"].flatMap(Int.init) ?? 1, 1)
        let changed = rows.values.filter { $0.changedAt > since }.sorted { ($0.cells[key] ?? "") < ($1.cells[key] ?? "") }
        var items = changed.map { Self.json($0.cells) }
        if since == 0 { items += raw }
        let pages = max(1, (items.count + pageSize - 1) / pageSize)
        let slice = Array(items.dropFirst((page - 1) * pageSize).prefix(pageSize))
        switch format {
        case .json:
            return .json(#"{"as_of":"\#(clock)","pages":\#(pages),"items":[\#(slice.joined(separator: ","))]}"#)
        case .csv:
            let pageRows = Array(changed.dropFirst((page - 1) * pageSize).prefix(pageSize))
            let columns = Array(Set(rows.values.flatMap(\.cells.keys))).sorted()
            var text = columns.joined(separator: ",") + "\r\n"
            for row in pageRows {
                text += columns.map { "\"" + (row.cells[$0] ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
            }
            var response = TestHTTPResponse.text(text)
            response.headers = [("Content-Type", "text/csv; charset=utf-8"), ("X-MIS-Pages", String(pages)), ("X-MIS-As-Of", String(clock))]
            return response
        }
    }

    private func receive(_ request: TestHTTPRequest) -> TestHTTPResponse {
        correctionPosts += 1
        guard let key = request.header("Idempotency-Key"),
              let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
              let corrections = body["corrections"] as? [[String: Any]] else {
            return .text("a corrections batch needs an Idempotency-Key and a corrections array", status: 400)
        }
        if appliedKeys.insert(key).inserted {
            applied += corrections
            for correction in corrections where correction["kind"] as? String == "customer" {
                guard let account = correction["key"] as? String, let field = correction["field"] as? String,
                      let value = correction["value"] as? String, var row = customers[account] else { continue }
                clock += 1
                if field == "location" {
                    let parts = value.split(separator: ",").map(String.init)
                    row.cells["lat"] = parts.first
                    row.cells["lon"] = parts.last
                } else {
                    row.cells[field] = value
                }
                row.changedAt = clock
                customers[account] = row
            }
        }
        return .json(#"{"rejected":[]}"#)
    }

    private static func json(_ cells: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: cells, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func query(_ text: String?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (text ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { result[parts[0]] = parts[1].removingPercentEncoding ?? parts[1] }
        }
        return result
    }
}
