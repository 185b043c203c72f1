import Foundation
import GRDB
import Shared

/// The tablet's local state: cached records, edits with their outbox entries, the sync cursor.
///
/// Every edit writes the record's new state and its outbox entry in one transaction, so power
/// loss at any instant leaves either both or neither.
public struct TerminalStore: Sendable {
    let database: DatabasePool

    /// Works on the terminal database `database`.
    public init(database: DatabasePool) { self.database = database }

    /// Opens the store in `home`.
    public static func open(home: String) throws -> TerminalStore {
        TerminalStore(database: try TerminalDatabase.open(home: home))
    }

    // MARK: Identity and settings

    /// Who this tablet is, once enrolled.
    public struct Identity: Hashable, Sendable {
        public var server: URL
        public var token: String
        public var device: DeviceIdentity
        /// A PEM file of CA certificates to trust for ``server`` instead of the system's, kept in
        /// the tablet's home (from `enroll --ca-file`).
        public var caFile: String?

        /// Creates an identity.
        public init(server: URL, token: String, device: DeviceIdentity, caFile: String? = nil) {
            self.server = server
            self.token = token
            self.device = device
            self.caFile = caFile
        }
    }

    /// Stores the enrolment and starts a new evidence chain with a new signing key (registered
    /// with the server at the next sync, see ``evidenceKeysToRegister()``).
    public func enroll(_ identity: Identity) throws {
        try database.write { db in
            try Meta.set("server", identity.server.absoluteString, in: db)
            try Meta.set("token", identity.token, in: db)
            try Meta.set("device", String(decoding: try WireCoding.encode(identity.device), as: UTF8.self), in: db)
            try db.execute(sql: "DELETE FROM meta WHERE key = 'ca_file'")
            if let caFile = identity.caFile { try Meta.set("ca_file", caFile, in: db) }
            try Self.startChain(in: db)
        }
    }

    /// The enrolment, or an error telling the auditor to enrol.
    public func identity() throws -> Identity {
        try database.read { db in
            guard let server = try Meta.get("server", in: db).flatMap(URL.init(string:)),
                  let token = try Meta.get("token", in: db),
                  let device = try Meta.get("device", in: db) else {
                throw TerminalError("this tablet is not enrolled: run audit-terminal enroll --server URL --token TOKEN")
            }
            return Identity(server: server, token: token, device: try WireCoding.decode(DeviceIdentity.self, from: Data(device.utf8)),
                            caFile: try Meta.get("ca_file", in: db))
        }
    }

    // MARK: Records

    /// The cached state of `key`.
    public func record(_ key: RecordKey) throws -> RecordState? {
        try database.read { db in try Self.load(key, in: db) }
    }

    /// Every cached record of `kind`, by id.
    public func records(_ kind: RecordKind) throws -> [RecordState] {
        try database.read { db in
            try Data.fetchAll(db, sql: "SELECT state FROM records WHERE kind = ? ORDER BY id", arguments: [kind.rawValue])
                .map { try RecordStateCodec.decode($0) }
        }
    }

    /// Finds a record by id (any kind), or by a customer's account number.
    public func find(_ reference: String) throws -> RecordState? {
        try database.read { db in
            if let data = try Data.fetchOne(db, sql: "SELECT state FROM records WHERE id = ? LIMIT 1", arguments: [reference]) {
                return try RecordStateCodec.decode(data)
            }
            let customer = "cus-" + reference
            return try Self.load(RecordKey(kind: .customer, id: customer), in: db)
        }
    }

    /// Applies a local edit: `change` gets the record's state and writes into it with `writer`.
    /// The new state and its outbox entry commit together.
    public func edit(_ key: RecordKey, _ change: (inout RecordState, inout LocalWriter) throws -> Void) throws -> RecordState {
        try database.write { db in try Self.edit(key, in: db) { state, writer, _ in try change(&state, &writer) } }
    }

    /// The body of ``edit(_:_:)`` inside a transaction the caller holds, so other writes (the
    /// evidence chain's head) commit with the record and its outbox entry.
    static func edit(_ key: RecordKey, in db: Database,
                     _ change: (inout RecordState, inout LocalWriter, Database) throws -> Void) throws -> RecordState {
        let identity = try device(in: db)
        var state = try load(key, in: db) ?? RecordState(kind: key.kind, id: key.id)
        var writer = LocalWriter(replica: identity.replica, clock: try clock(in: db))
        writer.clock.receive(state.newestStamp)
        let before = state
        try change(&state, &writer, db)
        guard state != before else { return state }
        try save(state, in: db)
        try db.execute(sql: "INSERT INTO outbox (kind, id, at_ms) VALUES (?, ?, ?)",
                       arguments: [key.kind.rawValue, key.id, Int64(HybridLogicalClock.wallClockMilliseconds())])
        try Meta.set("hlc", writer.clock.last.description, in: db)
        return state
    }

    // MARK: Sync support

    /// The pull cursor.
    public func cursor() throws -> Int64 {
        try database.read { db in Int64(try Meta.get("cursor", in: db) ?? "0") ?? 0 }
    }

    /// Merges pulled states into the cache and moves the cursor, in one transaction.
    /// Records that left this tablet's scope are dropped unless they have unsent edits; the
    /// data-quality findings of the last page replace those kept, and their generation is kept
    /// with them (``keepFindings(of:in:)``).
    /// - Returns: how many cached records changed.
    @discardableResult
    public func applyPull(_ page: PullResponse) throws -> Int {
        try database.write { db in
            let changed = try Self.merge(page.records, in: db)
            for key in page.leftScope {
                let pending = try Bool.fetchOne(db, sql: "SELECT 1 FROM outbox WHERE kind = ? AND id = ?", arguments: [key.kind.rawValue, key.id]) ?? false
                if !pending {
                    try db.execute(sql: "DELETE FROM records WHERE kind = ? AND id = ?", arguments: [key.kind.rawValue, key.id])
                }
            }
            try Self.keepFindings(of: page, in: db)
            try Meta.set("cursor", String(page.cursor), in: db)
            return changed
        }
    }

    /// Merges the records of a packet file into the cache (no cursor change: a packet is a snapshot);
    /// its findings replace those kept about its customers and devices.
    @discardableResult
    public func importPacket(_ packet: WorkPacket) throws -> Int {
        let merged = try database.write { db in
            try Self.keep(packet.findings, replacing: (packet.customers + packet.devices).map(\.id), in: db)
            // A packet file may be older than the findings kept: the next pull brings them all again.
            try Self.forgetFindingsGeneration(in: db)
            return try Self.merge(packet.allRecords, in: db)
        }
        if let map = packet.map { try storeMap(map, workOrder: packet.workOrder.id) }
        return merged
    }

    /// The batch to push next: the one already fixed and not yet acknowledged, or a new one made
    /// of the records with outbox entries (at most `limit`). `nil` when there is nothing to send.
    public func nextBatch(limit: Int = 500) throws -> PushRequest? {
        try database.write { db in
            if let body = try Data.fetchOne(db, sql: "SELECT body FROM pending_batch LIMIT 1") {
                return try PushRequest.decodeFast(body)
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT kind, id, MAX(seq) AS last FROM outbox GROUP BY kind, id ORDER BY last LIMIT ?
                """, arguments: [limit])
            guard !rows.isEmpty else { return nil }
            let upto: Int64 = rows.map { $0["last"] as Int64 }.max()!
            var states: [RecordState] = []
            for row in rows {
                guard let kind = RecordKind(rawValue: row["kind"]) else { continue }
                if let state = try Self.load(RecordKey(kind: kind, id: row["id"]), in: db) { states.append(state) }
            }
            let batch = PushRequest(batchID: "\(try Self.device(in: db).replica.rawValue)-\(UUID().uuidString.lowercased())", records: states)
            try db.execute(sql: "INSERT INTO pending_batch (batch_id, upto_seq, body) VALUES (?, ?, ?)",
                           arguments: [batch.batchID, upto, batch.encodeFast()])
            return batch
        }
    }

    /// Records the server's acknowledgement of `batchID`: its outbox entries leave, the batch is done.
    public func acknowledge(_ batchID: String) throws {
        try database.write { db in
            guard let upto = try Int64.fetchOne(db, sql: "SELECT upto_seq FROM pending_batch WHERE batch_id = ?", arguments: [batchID]) else { return }
            let keys = try PushRequest.keys(in: try Data.fetchOne(db, sql: "SELECT body FROM pending_batch WHERE batch_id = ?", arguments: [batchID])!)
            for key in keys {
                try db.execute(sql: "DELETE FROM outbox WHERE kind = ? AND id = ? AND seq <= ?", arguments: [key.kind.rawValue, key.id, upto])
            }
            try db.execute(sql: "DELETE FROM pending_batch WHERE batch_id = ?", arguments: [batchID])
            try Meta.set("last_push_ms", String(HybridLogicalClock.wallClockMilliseconds()), in: db)
        }
    }

    /// How many edits wait to be sent.
    public func outboxCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Sets a remembered value (last sync time, last error).
    public func remember(_ key: String, _ value: String) throws {
        try database.write { db in try Meta.set(key, value, in: db) }
    }

    /// A remembered value.
    public func recall(_ key: String) throws -> String? {
        try database.read { db in try Meta.get(key, in: db) }
    }

    // MARK: Internals

    /// Merges states from elsewhere into the cache; returns how many cached records changed.
    static func merge(_ states: [RecordState], in db: Database) throws -> Int {
        var changed = 0
        for incoming in states {
            let stored = try load(incoming.key, in: db)
            let merged = try stored.map { try $0.merged(with: incoming) } ?? incoming
            if merged != stored {
                try save(merged, in: db)
                changed += 1
            }
        }
        return changed
    }

    static func load(_ key: RecordKey, in db: Database) throws -> RecordState? {
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT state FROM records WHERE kind = ? AND id = ?"),
                                           arguments: [key.kind.rawValue, key.id]) else { return nil }
        return try RecordStateCodec.decode(data)
    }

    static func save(_ state: RecordState, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO records (kind, id, state) VALUES (?, ?, ?)")
            .execute(arguments: [state.kind.rawValue, state.id, RecordStateCodec.encode(state)])
    }

    static func device(in db: Database) throws -> DeviceIdentity {
        guard let text = try Meta.get("device", in: db) else {
            throw TerminalError("this tablet is not enrolled: run audit-terminal enroll --server URL --token TOKEN")
        }
        return try WireCoding.decode(DeviceIdentity.self, from: Data(text.utf8))
    }

    static func clock(in db: Database) throws -> HybridLogicalClock {
        HybridLogicalClock(last: try Meta.get("hlc", in: db).flatMap(HLCTimestamp.init(parsing:)) ?? .zero)
    }
}

/// Writes made on this tablet: stamped with its replica id and its hybrid clock.
public struct LocalWriter: Sendable {
    /// This tablet's replica id.
    public let replica: ReplicaID
    var clock: HybridLogicalClock

    /// Writes `value` to `field` of `state`.
    public mutating func write(_ value: FieldValue, to field: String, in state: inout RecordState) throws {
        try state.write(value, to: field, by: replica, at: clock.now())
    }

    /// Writes a typed record's changed fields into `state`.
    public mutating func write<Record: AuditRecord>(_ record: Record, into state: inout RecordState) throws {
        try record.write(into: &state, by: replica, at: clock.now())
    }
}

/// A terminal failure with a message for the auditor.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

enum Meta {
    static func get(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [key])
    }

    static func set(_ key: String, _ value: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").execute(arguments: [key, value])
    }
}

extension PushRequest {
    /// The record keys of an encoded batch.
    static func keys(in body: Data) throws -> [RecordKey] {
        try PushRequest.decodeFast(body).records.map(\.key)
    }
}
