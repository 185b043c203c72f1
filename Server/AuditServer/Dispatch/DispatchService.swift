import Foundation
import Shared

/// What dispatchers do in the office: import customers and devices, cut work orders, resolve
/// conflicts, watch progress. Every write is made as the `server` replica through the same merge
/// path as pushes, so it is safe while the server runs and reaches tablets on their next pull.
public struct DispatchService: Sendable {
    let database: any ServerStore
    /// Who makes the writes, kept in each record's history: the office user, or for a command
    /// line the system user running it (`shell:NAME`).
    public let author: String

    /// Works on the server database `database`, writing as `author`.
    public init(database: any ServerStore, author: String = DispatchService.shellAuthor) {
        self.database = database
        self.author = author
    }

    /// The author of writes made from a shell: `shell:` and the system user's name.
    public static var shellAuthor: String { "shell:" + NSUserName() }

    /// Writes typed records as the server: new records are created, existing ones get only the
    /// fields whose value changed, so importing the same file twice changes nothing.
    /// - Returns: how many records were created and how many changed.
    /// - Parameter fields: when given, only these fields are written (a partial file); others stay as they are.
    public func save<Record: AuditRecord>(_ records: [Record], only fields: Set<String>? = nil, chunkSize: Int = 1_000,
                                          progress: (Int) -> Void = { _ in }) throws -> (created: Int, changed: Int) {
        try save(chunks: stride(from: 0, to: records.count, by: chunkSize).lazy.map { records[$0..<min($0 + chunkSize, records.count)] },
                 only: fields, progress: progress)
    }

    /// ``save(_:only:chunkSize:progress:)`` of records that come a chunk at a time, each chunk in a
    /// transaction of its own, taken as they come: how `audit-server import` writes the rows
    /// read so far while it reads the rest of its file.
    public func save<Record: AuditRecord, Chunks: Sequence>(chunks: Chunks, only fields: Set<String>? = nil,
                                                            progress: (Int) -> Void = { _ in }) throws -> (created: Int, changed: Int)
    where Chunks.Element: Collection<Record> {
        var created = 0, changed = 0, done = 0
        for chunk in chunks {
            let outcomes = try database.write { db in try Self.save(chunk, only: fields, author: author, in: db) }
            created += outcomes.count(where: { $0 == .created })
            changed += outcomes.count(where: { $0 == .changed })
            done += chunk.count
            progress(done)
        }
        if created + changed >= Self.bulkWrite { try database.refreshStatistics() }
        return (created, changed)
    }

    /// Records written by one ``save(_:only:chunkSize:progress:)`` from which on the store's
    /// planner statistics are brought up to date after it (``ServerStore/refreshStatistics()``):
    /// a bulk import, after which the first pulls would otherwise be planned on stale figures.
    static let bulkWrite = 5_000

    /// All of `records` in one transaction: every one is written or none.
    public func saveAll<Record: AuditRecord>(_ records: [Record], only fields: Set<String>? = nil) throws -> (created: Int, changed: Int) {
        try save(records, only: fields, chunkSize: max(records.count, 1))
    }

    /// Creates a work order for `assignee` over `customers` (ids or account numbers) and returns it.
    public func createWorkOrder(assignee: String, customers: [String], area: String?, due: String?, priority: Int64?,
                                travel: TravelProfile? = nil, notes: String? = nil) throws -> WorkOrder {
        try database.write { db in
            guard !customers.isEmpty else {
                throw APIError(status: 400, code: "no_customers", detail: "a work order needs at least one customer")
            }
            // Customer ids or account numbers, as the dispatcher has them.
            let customers = try CustomerReference.resolveAll(customers, in: db)
            try Self.requireOneCounty(customers, in: db)
            var order = WorkOrder(id: TypedID.mint(), area: area ?? "unnamed area", assignee: assignee,
                                  customers: try customers.map { id throws(ValidationError) in try TypedID(id) })
            order.due = due
            order.priority = priority
            order.travel = travel
            order.notes = notes
            do { try order.validate() } catch {
                throw APIError(status: 400, code: "invalid_work_order", detail: "\(error)")
            }
            _ = try Self.save(order, author: author, in: db)
            return order
        }
    }

    /// Refuses (400 `several_counties`) customers of more than one county: a work order lies in one
    /// county, as the store is kept by county. Customers without a county count as one group.
    static func requireOneCounty(_ customers: [String], in db: any StoreConnection) throws {
        var counties: [String: [String]] = [:]
        for id in customers {
            let county = try RecordTable.load(RecordKey(kind: .customer, id: id), in: db).flatMap { $0.text("county") }
            counties[county ?? "(none)", default: []].append(id)
        }
        guard counties.count > 1 else { return }
        let listed = counties.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.count) (\($0.value.prefix(3).joined(separator: ", ")))" }
        throw APIError(status: 400, code: "several_counties",
                       detail: "a work order lies in one county; these customers lie in \(counties.count): " + listed.joined(separator: "; "))
    }

    /// The ids of the unretired customers of `county`, sorted.
    public func customers(inCounty county: String) throws -> [String] {
        try database.read { db in
            try db.values(Data.self, "SELECT state FROM records WHERE kind = 'customer' ORDER BY id")
                .map { Customer(try RecordTable.decode($0)) }
                .filter { $0.county == county && !$0.retired }
                .map(\.id.rawValue)
        }
    }

    /// The ids of customers whose location lies inside a box, sorted.
    public func customers(inside box: GeoBox) throws -> [String] {
        try OfficeMap(database: database).customers(CustomerSelection(box: box)).map(\.id)
    }

    /// Every work order, newest first by change.
    public func workOrders() throws -> [WorkOrder] {
        try database.read { db in
            try db.values(Data.self, "SELECT state FROM records WHERE kind = 'work_order' ORDER BY seq DESC")
                .map { WorkOrder(try RecordTable.decode($0)) }
        }
    }

    /// Every record with a field in conflict.
    public func conflicts() throws -> [RecordState] {
        try database.read { db in
            try db.values(Data.self, "SELECT state FROM records WHERE conflicted = 1 ORDER BY kind, id").map(RecordTable.decode)
        }
    }

    /// How a conflict is resolved: a value typed by the dispatcher, or the entry one replica wrote.
    public enum Resolution: Sendable {
        case value(String)
        case pick(ReplicaID)
    }

    /// Resolves the conflict on `field` of `key` with a write that covers every entry.
    public func resolve(_ key: RecordKey, field: String, with resolution: Resolution) throws -> RecordState {
        try database.write { db in
            guard let previous = try RecordTable.load(key, in: db) else { throw APIError.notFound("no record \(key)") }
            var clock = try ServerClock.load(in: db)
            let state = try Self.resolved(previous, field: field, with: resolution, by: try StoreEpoch.current(in: db).server, clock: &clock)
            try ServerClock.store(clock, in: db)
            try RecordTable.save(state, previous: previous, origin: "dispatch", batchID: nil, author: author, in: db)
            return state
        }
    }

    /// `state` with the conflict on `field` resolved by `server`'s write (stamped from `clock`)
    /// that covers every entry: the one write of ``resolve(_:field:with:)`` and of ``apply(_:to:chunkSize:)``.
    /// - Throws: `400 unknown_field`, `409 not_in_conflict`, `400 invalid_value`, `400 no_such_entry`.
    static func resolved(_ state: RecordState, field: String, with resolution: Resolution, by server: ReplicaID,
                         clock: inout HybridLogicalClock) throws -> RecordState {
        let key = state.key
        let spec: FieldSpec
        let register: Register
        do {
            spec = try state.schema.field(named: field).spec
            register = try state.register(field)
        } catch { throw APIError(status: 400, code: "unknown_field", detail: "\(error)") }
        guard register.isConflicted else {
            throw APIError(status: 409, code: "not_in_conflict", detail: "\(key) \(field) is not in conflict")
        }
        let value: FieldValue
        switch resolution {
        case .value(let text):
            do { value = try spec.parse(text) } catch { throw APIError(status: 400, code: "invalid_value", detail: "\(error)") }
        case .pick(let replica):
            guard let entry = register.entries.first(where: { $0.dot.replica == replica }) else {
                let writers = register.entries.map(\.dot.replica.rawValue).joined(separator: ", ")
                throw APIError(status: 400, code: "no_such_entry", detail: "\(replica) wrote no value of \(field); the conflict holds values by \(writers)")
            }
            value = entry.value
        }
        var state = state
        clock.receive(state.newestStamp)
        try state.resolve(field, to: value, by: server, at: clock.now())
        return state
    }
}
