import Evidence
import Foundation
import Shared
import Testing

@Suite("Signed evidence chains")
struct EvidenceChainTests {
    /// A chain of `count` visits signed by `key`.
    static func chain(of count: Int, key: EvidenceKey) throws -> [ChainItem] {
        var items: [ChainItem] = []
        var previous = EvidenceHash.chainStart
        for index in 1...count {
            let key0 = RecordKey(kind: .auditVisit, id: "vis-\(index)")
            let payload = EvidencePayload(key: key0, values: [("customer", .text("cus-\(index)")), ("time", .text("2026-12-01T09:0\(index % 10):00Z")),
                                                               ("outcome", .text("verified")), ("notes", .text("line 1\nline 2"))],
                                          sequence: Int64(index), previous: previous)
            let item = ChainItem(record: key0.description, sequence: Int64(index), previous: previous, payload: payload, signature: try key.sign(payload))
            items.append(item)
            previous = item.link
        }
        return items
    }

    @Test("a whole chain has no problems, in any order it is stored")
    func whole() throws {
        let key = EvidenceKey()
        let items = try Self.chain(of: 6, key: key)
        #expect(EvidenceChain(signer: key.publicKey).problems(items.reversed()).isEmpty)
    }

    @Test("an altered item fails its signature; a removed one leaves a gap; reordered ones break the links; a forged signer fails everywhere")
    func tampering() throws {
        let key = EvidenceKey()
        let items = try Self.chain(of: 5, key: key)
        let chain = EvidenceChain(signer: key.publicKey)

        var altered = items
        altered[2].payload = EvidencePayload(key: RecordKey(kind: .auditVisit, id: "vis-3"), values: [("customer", .text("cus-9"))],
                                             sequence: 3, previous: items[2].previous)
        #expect(chain.problems(altered).contains(.badSignature(record: "audit_visit/vis-3")))

        var removed = items
        removed.remove(at: 1)
        #expect(chain.problems(removed) == [.missing(from: 2, to: 2)])

        var swapped = items
        swapped[1].sequence = 3
        swapped[2].sequence = 2
        #expect(chain.problems(swapped).contains { if case .brokenLink = $0 { return true } else { return false } })

        let forger = EvidenceKey()
        #expect(EvidenceChain(signer: forger.publicKey).problems(items).count == items.count)
        #expect(!EvidenceKey.isValid("not base64", of: items[0].payload, by: key.publicKey))
        #expect(!EvidenceKey.isValid(items[0].signature, of: items[0].payload, by: "AAAA"))
    }

    @Test("a key survives its raw bytes; the payload escapes newlines so no field can fake another")
    func keysAndPayloads() throws {
        let key = EvidenceKey()
        let again = try EvidenceKey(rawRepresentation: key.rawRepresentation)
        #expect(again.publicKey == key.publicKey)
        let sneaky = EvidencePayload(key: RecordKey(kind: .auditVisit, id: "v"), values: [("notes", .text("x\ncustomer=cus-2"))], sequence: 1, previous: "0")
        let honest = EvidencePayload(key: RecordKey(kind: .auditVisit, id: "v"), values: [("notes", .text("x")), ("customer", .text("cus-2"))], sequence: 1, previous: "0")
        #expect(sneaky.bytes != honest.bytes)
    }
}
