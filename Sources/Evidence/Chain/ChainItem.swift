/// One signed item of a device's evidence chain, as the server stores it.
public struct ChainItem: Hashable, Sendable {
    /// The record it is (`kind/id`), for findings.
    public var record: String
    /// Its place in the chain, from 1.
    public var sequence: Int64
    /// The link it names as its predecessor (``EvidenceHash/chainStart`` for the first).
    public var previous: String
    /// The signed bytes, rebuilt from the stored record.
    public var payload: EvidencePayload
    /// The signature, base64.
    public var signature: String

    /// Creates an item.
    public init(record: String, sequence: Int64, previous: String, payload: EvidencePayload, signature: String) {
        self.record = record
        self.sequence = sequence
        self.previous = previous
        self.payload = payload
        self.signature = signature
    }

    /// The link the next item must name.
    public var link: String { payload.link(signature: signature) }
}
