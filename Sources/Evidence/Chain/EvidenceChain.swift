/// Checks one device key's chain of signed items: every signature holds, the sequence has no
/// gap or fork, and each item names the link of the one before it. A visit removed, reordered or
/// changed after it was signed breaks one of these.
public struct EvidenceChain: Sendable {
    /// The public key (base64) the items must be signed by.
    public var signer: String

    /// Creates a check for the chain of `signer`.
    public init(signer: String) { self.signer = signer }

    /// What is wrong with a chain.
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// The signature does not hold: the item was changed after it was signed, or forged.
        case badSignature(record: String)
        /// Items before `sequence` are missing: removed on the tablet, or not synced yet.
        case missing(from: Int64, to: Int64)
        /// Two different items claim the same place.
        case fork(sequence: Int64, records: [String])
        /// The item does not name the link of the item before it: reordered or altered.
        case brokenLink(record: String, sequence: Int64)

        public var description: String {
            switch self {
            case .badSignature(let record): return "\(record): the signature does not match the content"
            case .missing(let from, let to): return from == to ? "item \(from) of the chain is missing" : "items \(from)–\(to) of the chain are missing"
            case .fork(let sequence, let records): return "item \(sequence) is claimed by \(records.joined(separator: " and "))"
            case .brokenLink(let record, let sequence): return "\(record) (item \(sequence)) does not follow the item before it"
            }
        }
    }

    /// Every problem of `items` (in any order), sorted by where it occurs. An empty answer is a
    /// whole, unbroken chain.
    public func problems(_ items: [ChainItem]) -> [Problem] {
        var problems: [Problem] = []
        for item in items where !EvidenceKey.isValid(item.signature, of: item.payload, by: signer) {
            problems.append(.badSignature(record: item.record))
        }
        let bySequence = Dictionary(grouping: items, by: \.sequence)
        var expected: Int64 = 1
        var previousLink = EvidenceHash.chainStart
        for sequence in bySequence.keys.sorted() {
            let claimants = bySequence[sequence]!
            if Set(claimants.map(\.record)).count > 1 {
                problems.append(.fork(sequence: sequence, records: claimants.map(\.record).sorted()))
            }
            if sequence < 1 {
                problems.append(.brokenLink(record: claimants[0].record, sequence: sequence))
                continue
            }
            if sequence > expected {
                problems.append(.missing(from: expected, to: sequence - 1))
            } else if claimants[0].previous != previousLink {
                problems.append(.brokenLink(record: claimants[0].record, sequence: sequence))
            }
            previousLink = claimants[0].link
            expected = sequence + 1
        }
        return problems
    }
}
