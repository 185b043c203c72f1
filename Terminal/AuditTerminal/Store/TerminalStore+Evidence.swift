import Evidence
import Foundation
import GRDB
import Shared

/// The tablet's evidence chain: its signing key and the head of its chain, kept in `meta` (the
/// database file is readable by its owner only), and the signing of visits and track batches.
///
/// Every signed item takes the next place of the chain in the same transaction as the record,
/// its outbox entry and the new head, so a kill -9 never leaves a gap or a reused place.
extension TerminalStore {
    enum EvidenceMeta {
        /// The current signing key's raw 32 bytes, base64.
        static let key = "evidence_key"
        /// The current chain's signer: the key's public key, base64.
        static let signer = "chain_signer"
        /// The last place taken in the current chain (0: none yet).
        static let sequence = "chain_seq"
        /// The link of the last item (``EvidenceHash/chainStart`` before the first).
        static let link = "chain_link"
        /// "1" once the server acknowledged every key this tablet made.
        static let registered = "key_registered"
        /// Public keys made here and not yet acknowledged by the server, one per line.
        static let unregistered = "keys_unregistered"
    }

    /// The head of the tablet's current chain.
    public struct ChainHead: Hashable, Sendable {
        /// The chain's public key, base64.
        public var signer: String
        /// How many items the chain holds (the last place taken).
        public var length: Int64
        /// The link the next item names as `chain_prev`.
        public var link: String
        /// Whether the server acknowledged every key this tablet made.
        public var registered: Bool
    }

    /// Makes a new key and starts its chain (place 0, link ``EvidenceHash/chainStart``); the key
    /// waits to be registered with the server.
    @discardableResult
    static func startChain(in db: Database) throws -> EvidenceKey {
        let key = EvidenceKey()
        try Meta.set(EvidenceMeta.key, key.rawRepresentation.base64EncodedString(), in: db)
        try Meta.set(EvidenceMeta.signer, key.publicKey, in: db)
        try Meta.set(EvidenceMeta.sequence, "0", in: db)
        try Meta.set(EvidenceMeta.link, EvidenceHash.chainStart, in: db)
        let waiting = try unregisteredKeys(in: db) + [key.publicKey]
        try Meta.set(EvidenceMeta.unregistered, waiting.joined(separator: "\n"), in: db)
        try Meta.set(EvidenceMeta.registered, "", in: db)
        return key
    }

    static func signingKey(in db: Database) throws -> EvidenceKey {
        guard let text = try Meta.get(EvidenceMeta.key, in: db), let raw = Data(base64Encoded: text) else {
            // Enrolled by a version without evidence keys: start the chain now.
            return try startChain(in: db)
        }
        return try EvidenceKey(rawRepresentation: raw)
    }

    static func unregisteredKeys(in db: Database) throws -> [String] {
        (try Meta.get(EvidenceMeta.unregistered, in: db) ?? "").split(separator: "\n").map(String.init)
    }

    /// The head of the current chain, or `nil` before enrolment.
    public func chainHead() throws -> ChainHead? {
        try database.read { db in
            guard let text = try Meta.get(EvidenceMeta.key, in: db), let raw = Data(base64Encoded: text) else { return nil }
            return ChainHead(signer: try EvidenceKey(rawRepresentation: raw).publicKey,
                             length: Int64(try Meta.get(EvidenceMeta.sequence, in: db) ?? "0") ?? 0,
                             link: try Meta.get(EvidenceMeta.link, in: db) ?? EvidenceHash.chainStart,
                             registered: try Meta.get(EvidenceMeta.registered, in: db) == "1")
        }
    }

    /// The public keys (base64) made on this tablet that the server has not acknowledged yet, oldest first.
    public func evidenceKeysToRegister() throws -> [String] {
        try database.read { db in try Self.unregisteredKeys(in: db) }
    }

    /// Notes that the server acknowledged `publicKey`; `key_registered` is set once none waits.
    public func evidenceKeyRegistered(_ publicKey: String) throws {
        try database.write { db in
            let waiting = try Self.unregisteredKeys(in: db).filter { $0 != publicKey }
            try Meta.set(EvidenceMeta.unregistered, waiting.joined(separator: "\n"), in: db)
            try Meta.set(EvidenceMeta.registered, waiting.isEmpty ? "1" : "", in: db)
        }
    }

    /// Signs `state` as the next item of the chain: writes `signer`, `chain_seq` and `chain_prev`,
    /// signs ``EvidencePayload/init(state:)`` of the result, writes `signature`, and moves the
    /// chain head, all in the caller's transaction `db`.
    static func sign(_ state: inout RecordState, writer: inout LocalWriter, in db: Database) throws {
        let key = try signingKey(in: db)
        let sequence = (Int64(try Meta.get(EvidenceMeta.sequence, in: db) ?? "0") ?? 0) + 1
        let previous = try Meta.get(EvidenceMeta.link, in: db) ?? EvidenceHash.chainStart
        try writer.write(.text(key.publicKey), to: "signer", in: &state)
        try writer.write(.integer(sequence), to: "chain_seq", in: &state)
        try writer.write(.text(previous), to: "chain_prev", in: &state)
        guard let payload = EvidencePayload(state: state) else { throw TerminalError("\(state.key) has no place in the chain to sign") }
        let signature = try key.sign(payload)
        try writer.write(.text(signature), to: "signature", in: &state)
        try Meta.set(EvidenceMeta.sequence, String(sequence), in: db)
        try Meta.set(EvidenceMeta.link, payload.link(signature: signature), in: db)
    }

    /// Writes `record` as a new signed item of the chain in the caller's transaction `db`: its
    /// fields, its place, its signature, its outbox entry and the chain's new head.
    @discardableResult
    static func appendSigned<Record: AuditRecord>(_ record: Record, in db: Database) throws -> RecordState {
        try edit(RecordKey(kind: Record.kind, id: record.id.rawValue), in: db) { state, writer, db in
            try writer.write(record, into: &state)
            try sign(&state, writer: &writer, in: db)
        }
    }

    /// After a move to `replica` (see ``changeReplica(_:)``): signs again, into the new chain and
    /// in their old order, the visits and track batches whose signature the server never accepted
    /// (its write now carries `replica`'s dots). Signed on a restored copy, they may hold places
    /// of the old chain already taken by items the server has; in the new chain they are whole.
    static func resignUnaccepted(by replica: ReplicaID, in db: Database) throws {
        var unaccepted: [(sequence: Int64, key: RecordKey)] = []
        for kind in [RecordKind.auditVisit, .track] {
            for data in try Data.fetchAll(db, sql: "SELECT state FROM records WHERE kind = ?", arguments: [kind.rawValue]) {
                let state = try RecordStateCodec.decode(data)
                guard let sequence = state.integer("chain_seq"),
                      let entries = try? state.register("signature").entries, !entries.isEmpty,
                      entries.allSatisfy({ $0.dot.replica == replica }) else { continue }
                unaccepted.append((sequence, state.key))
            }
        }
        for item in unaccepted.sorted(by: { $0.sequence < $1.sequence }) {
            try edit(item.key, in: db) { state, writer, db in try sign(&state, writer: &writer, in: db) }
        }
    }

    /// The server refused a batch because an item's place in the chain is taken (`chain_fork`) or
    /// does not follow what it holds (`chain_broken`): this tablet's chain head is behind what
    /// it signed before (restored from an old copy). Starts a new chain with a new key and signs
    /// again, in their old order, every signed item still in the outbox; the fixed batch is
    /// dropped (its records stay in the outbox and go out re-signed). One transaction.
    /// - Returns: how many items were signed again.
    @discardableResult
    public func restartChain() throws -> Int {
        try database.write { db in
            let old = try Self.signingKey(in: db).publicKey
            var waiting: [(sequence: Int64, key: RecordKey)] = []
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT kind, id FROM outbox WHERE kind IN (?, ?)",
                                         arguments: [RecordKind.auditVisit.rawValue, RecordKind.track.rawValue]) {
                guard let kind = RecordKind(rawValue: row["kind"]), let state = try Self.load(RecordKey(kind: kind, id: row["id"]), in: db),
                      state.text("signer") == old, let sequence = state.integer("chain_seq") else { continue }
                waiting.append((sequence, state.key))
            }
            try db.execute(sql: "DELETE FROM pending_batch")
            try Self.startChain(in: db)
            for item in waiting.sorted(by: { $0.sequence < $1.sequence }) {
                try Self.edit(item.key, in: db) { state, writer, db in try Self.sign(&state, writer: &writer, in: db) }
            }
            return waiting.count
        }
    }
}
