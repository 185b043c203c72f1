import AuditTerminal
import Foundation
import GRDB
import Shared
import StoreTestSupport
import TestSupport
import Transport

/// A real audit-server process on a temporary data directory with customers imported, two
/// enrolled tablets (Anna's and Ben's) and one work order for Anna; its records in SQLite (in the
/// data directory) or in a fresh PostgreSQL database, as `store` says.
final class ServerFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let server: ServerProcess
    /// Where the records are.
    let store: StoreInspector
    /// `--store URL` for PostgreSQL, nothing for SQLite: given to every audit-server command.
    let storeArguments: [String]
    let annaToken: String
    let benToken: String
    let annaOrder: String
    static let annaCustomers = ["cus-20000001", "cus-20000002", "cus-20000003"]

    init(store kind: StoreKind = .sqlite, serverArguments: [String] = [], serverEnvironment: [String: String] = [:]) throws {
        directory = try TemporaryDirectory("server")
        let data = directory.file("data")
        let location = try kind.freshLocation(directory: data)
        store = StoreInspector(location: location)
        storeArguments = if case .postgres(let postgres) = location { ["--store", postgres.description] } else { [] }
        let storeArguments = storeArguments
        let csv = directory.file("customers.csv")
        var lines = ["account,name,address,phone,category,tariff,feeder,transformer,capacity_kva,lat,lon"]
        for index in 1...6 {
            lines.append("2000000\(index),客户 \(index),\"Bahnhofstraße \(index), Bayreuth\",0921 555 0\(index)0,residential,T1,F-1,TR-\(index),10,49.95\(index),11.57\(index)")
        }
        try lines.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        try Self.expectSuccess(run("audit-server", ["import", "customers", "--data", data, csv] + storeArguments))
        annaToken = try Self.expectSuccess(run("audit-server", ["device", "enroll", "--data", data, "--name", "tab-anna", "--auditor", "anna"] + storeArguments)).lastLine
        benToken = try Self.expectSuccess(run("audit-server", ["device", "enroll", "--data", data, "--name", "tab-ben", "--auditor", "ben"] + storeArguments)).lastLine
        annaOrder = try Self.expectSuccess(run("audit-server", ["workorder", "create", "--data", data, "--assignee", "anna",
                                                                "--customers", Self.annaCustomers.joined(separator: ",")] + storeArguments)).lastLine
        server = try ServerProcess(dataDirectory: data, extraArguments: storeArguments + serverArguments, environment: serverEnvironment)
    }

    var dataDirectory: String { server.dataDirectory }

    /// Another `audit-server serve` on the same store: a second node of a cluster (on SQLite, a
    /// second process on the same database file). Stop it with `stop()`.
    func startAnotherNode() throws -> ServerProcess {
        try ServerProcess(dataDirectory: dataDirectory, extraArguments: storeArguments)
    }

    /// A client for a tablet, with quick retries; talking to `node`, or to the first server.
    func client(token: String, node: ServerProcess? = nil) -> SyncClient {
        SyncClient(server: URL(string: (node ?? server).baseURL)!, token: token,
                   http: HTTPClient(configuration: .init(connectTimeout: .seconds(2), timeout: .seconds(30),
                                                         retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20)))))
    }

    var anna: SyncClient { client(token: annaToken) }
    var ben: SyncClient { client(token: benToken) }

    /// Runs a dispatcher command on the server's data directory, with `input` on its standard input
    /// and `environment` added to its environment.
    func dispatch(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        var arguments = arguments
        arguments.insert(contentsOf: ["--data", dataDirectory] + storeArguments, at: min(2, arguments.count))
        return try run("audit-server", arguments, environment: environment, input: input)
    }

    /// Every row of every table, as text: equal before and after means nothing was written.
    ///
    /// Leaves out `device_refusals`: noting a refused push for `audit-server device list` is the one
    /// write a refused push makes (see ``refusals(of:)``).
    func databaseDump() throws -> String { try store.dump(except: ["device_refusals"]) }

    /// The rows of one query, as text.
    func tableDump(_ sql: String) throws -> String { try store.rows(sql).joined(separator: "\n") }

    /// The error codes of the pushes refused from `device`, oldest first.
    func refusals(of device: String) throws -> [String] {
        try store.strings("SELECT code FROM device_refusals WHERE device = ? ORDER BY seq", device)
    }

    /// The stored state of record `id` as its wire JSON text ("" when there is none).
    func storedState(_ id: String) throws -> String { try store.state(of: id) }

    /// One value from the database.
    func scalar(_ sql: String) throws -> Int64 { try store.scalar(sql) }

    /// Every stored state of `kind`, by id.
    func states(_ kind: RecordKind) throws -> [String: RecordState] {
        let blobs = try store.blobs("SELECT state FROM records WHERE kind = ?", kind.rawValue)
        return Dictionary(uniqueKeysWithValues: try blobs.map(RecordStateCodec.decode).map { ($0.id, $0) })
    }

    /// "ok" when the store is sound: SQLite's own check of the database file, and on both stores
    /// every record where its county directory says it is, and nothing else there.
    func integrityCheck() throws -> String {
        if case .sqlite = store.location {
            let queue = try DatabaseQueue(path: (dataDirectory as NSString).appendingPathComponent("fieldaudit-server.sqlite"))
            let check = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
            guard check == "ok" else { return check }
        }
        let misplaced = try scalar("""
            SELECT COUNT(*) FROM records r LEFT JOIN record_counties d ON d.kind = r.kind AND d.id = r.id AND d.county = r.county
            WHERE d.kind IS NULL
            """)
        let unplaced = try scalar("SELECT (SELECT COUNT(*) FROM record_counties) - (SELECT COUNT(*) FROM records)")
        return misplaced == 0 && unplaced == 0 ? "ok" : "\(misplaced) records outside their directory county, \(unplaced) directory entries without a record"
    }

    @discardableResult
    static func expectSuccess(_ result: CommandResult) throws -> CommandResult {
        guard result.status == 0 else { throw FixtureError("command failed (\(result.status)): \(result.stderr) \(result.stdout)") }
        return result
    }

    deinit {
        server.stop()
        directory.remove()
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Raw HTTP, for requests the typed client would never send (malformed bodies, missing tokens).
func rawRequest(_ method: HTTPMethod, _ url: String, token: String? = nil, body: Data? = nil) async throws -> HTTPResponse {
    var headers: HTTPHeaders = ["Content-Type": "application/json"]
    if let token { headers["Authorization"] = "Bearer \(token)" }
    let client = HTTPClient(configuration: .init(retryPolicy: .none))
    return try await client.send(HTTPRequest(method: method, url: URL(string: url)!, headers: headers, body: body))
}
