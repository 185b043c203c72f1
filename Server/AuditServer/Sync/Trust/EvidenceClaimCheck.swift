import Evidence
import Shared

/// The signature and chain checks of a pushed batch (the signing protocol, DESIGN.md "Trust"):
/// for every visit or track batch whose merged state carries a `signature`, the signer is a key
/// registered to the pushing device, the signature holds over ``EvidencePayload/init(state:)`` of
/// the merged state, no other record holds the same place in the chain, and the item before it,
/// when stored (or earlier in the same batch), links to it.
///
/// Unsigned visits and tracks pass (older tablets); presence reports flag them "unsigned".
struct EvidenceClaimCheck {
    let device: EnrolledDevice
    /// Signed items accepted earlier in the same batch, by signer and sequence.
    private var batch: [ChainPlace: (key: RecordKey, link: String)] = [:]

    init(device: EnrolledDevice) { self.device = device }

    /// A place in a chain.
    struct ChainPlace: Hashable {
        var signer: String
        var sequence: Int64
    }

    /// Whether `state` is a kind of record that is signed evidence.
    static func isEvidence(_ state: RecordState) -> Bool {
        state.kind == .auditVisit || state.kind == .track
    }

    /// Checks `merged` (the state the push would store); throws the first rule it breaks.
    mutating func check(_ merged: RecordState, in db: any StoreConnection) throws {
        guard Self.isEvidence(merged), let signature = merged.text("signature") else { return }
        let key = merged.key
        guard let signer = merged.text("signer"),
              try DeviceRegistry.keyOwner(signer, in: db) == device.name else {
            throw ClaimViolation(.unknownSigner, record: key, field: "signer",
                                 "the signer is not a key registered to device \(device.name); register it with POST /v1/device/key first")
        }
        guard let payload = EvidencePayload(state: merged), EvidenceKey.isValid(signature, of: payload, by: signer),
              let sequence = merged.integer("chain_seq"), let previous = merged.text("chain_prev") else {
            throw ClaimViolation(.badSignature, record: key, field: "signature",
                                 "the signature does not hold over the record's content and place in the chain (changed after signing, or forged)")
        }
        guard sequence >= 1 else {
            throw ClaimViolation(.chainBroken, record: key, field: "chain_seq", "chain_seq must be 1 or more (got \(sequence))")
        }
        let place = ChainPlace(signer: signer, sequence: sequence)
        if let holder = try EvidenceLedger.holder(of: place, in: db) ?? batch[place].map({ ($0.key, $0.link) }), holder.0 != key {
            throw ClaimViolation(.chainFork, record: key, field: "chain_seq",
                                 "item \(sequence) of this signer's chain is already \(holder.0); a chain never has two items in one place")
        }
        let before = ChainPlace(signer: signer, sequence: sequence - 1)
        let expected: String?
        if sequence == 1 {
            expected = EvidenceHash.chainStart
        } else {
            expected = try batch[before]?.link ?? EvidenceLedger.holder(of: before, in: db)?.link
        }
        if let expected, expected != previous {
            throw ClaimViolation(.chainBroken, record: key, field: "chain_prev",
                                 "chain_prev does not name the link of item \(sequence - 1) of this signer's chain (reordered, or an item was changed)")
        }
        batch[place] = (key, payload.link(signature: signature))
    }
}

/// The accepted signed items (table `evidence_chain`): each one's place in its signer's chain and
/// the link the next item must name.
enum EvidenceLedger {
    /// The record holding `place`, with its link, or `nil`.
    static func holder(of place: EvidenceClaimCheck.ChainPlace, in db: any StoreConnection) throws -> (RecordKey, link: String)? {
        guard let row = try db.row("SELECT kind, id, link FROM evidence_chain WHERE signer = ? AND seq = ?", [place.signer, place.sequence]),
              let kind = RecordKind(rawValue: row[0]) else { return nil }
        return (RecordKey(kind: kind, id: row[1]), row[2])
    }

    /// Records each signed state of an accepted push, in the push's transaction.
    static func accepted(_ states: [RecordState], in db: any StoreConnection) throws {
        for state in states where EvidenceClaimCheck.isEvidence(state) {
            guard let signer = state.text("signer"), let signature = state.text("signature"),
                  let sequence = state.integer("chain_seq"), let payload = EvidencePayload(state: state) else { continue }
            try db.execute("INSERT INTO evidence_chain (signer, seq, kind, id, link) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", [signer, sequence, state.kind.rawValue, state.id, payload.link(signature: signature)])
        }
    }
}
