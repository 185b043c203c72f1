import Evidence
import Shared

/// The evidence chains as the server stores them: each signer's items rebuilt from the stored
/// records (``EvidencePayload/init(state:)``), for re-checking with ``EvidenceChain``.
enum StoredChains {
    /// The items of `signer`'s chain: every accepted record that names it (from `evidence_chain`),
    /// with the chain fields and signature the stored record carries now.
    static func items(of signer: String, in db: any StoreConnection) throws -> [ChainItem] {
        let rows = try db.rows("SELECT kind, id FROM evidence_chain WHERE signer = ? ORDER BY seq", [signer])
        return try rows.compactMap { row -> ChainItem? in
            guard let kind = RecordKind(rawValue: row[0]), let state = try RecordTable.load(RecordKey(kind: kind, id: row[1]), in: db) else { return nil }
            return item(state)
        }
    }

    /// The chain item of a stored state, `nil` when it is not signed.
    static func item(_ state: RecordState) -> ChainItem? {
        guard let signature = state.text("signature"), let sequence = state.integer("chain_seq"),
              let previous = state.text("chain_prev"), let payload = EvidencePayload(state: state) else { return nil }
        return ChainItem(record: state.key.description, sequence: sequence, previous: previous, payload: payload, signature: signature)
    }

    /// Every problem of `signer`'s chain.
    static func problems(of signer: String, in db: any StoreConnection) throws -> [EvidenceChain.Problem] {
        EvidenceChain(signer: signer).problems(try items(of: signer, in: db))
    }

    /// One key's chain after a re-check.
    struct KeyReport: Hashable, Sendable, Codable {
        var publicKey: String
        var items: Int
        var problems: [String]

        enum CodingKeys: String, CodingKey {
            case publicKey = "public_key"
            case items, problems
        }
    }

    /// Re-checks every chain of every key of `device`.
    static func verify(device: String, in db: any StoreConnection) throws -> [KeyReport] {
        try DeviceRegistry.keys(of: device, in: db).map { key in
            let items = try items(of: key, in: db)
            return KeyReport(publicKey: key, items: items.count, problems: EvidenceChain(signer: key).problems(items).map(\.description))
        }
    }
}
