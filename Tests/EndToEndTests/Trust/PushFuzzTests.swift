import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// Random mutations of valid batches pushed to a real server with Anna's token.
@Suite("Push fuzzing", .serialized)
struct PushFuzzTests {
    /// 2,000 in the normal run; `FIELDAUDIT_SOAK=1` for 50,000.
    static var trials: Int { ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 2_000 : 50_000 }

    @Test("mutated batches never get a 5xx, never stop the server, and never forge or erase another replica's entries",
          arguments: StoreKind.allCases)
    func mutations(store: StoreKind) async throws {
        let (fixture, _) = try HostileTabletTests.preparedFixture(store: store)
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let pulled = try await anna.pulled()
        let me = anna.replica
        let base: [[String: Any]] = [
            WireRecords.writing("0921 555 1234", to: "phone", in: try #require(pulled["cus-20000001"]), as: me),
            WireRecords.writing("T4", to: "tariff", in: try #require(pulled["cus-20000002"]), as: me),
            WireRecords.writing("in_progress", to: "status", in: try #require(pulled[fixture.annaOrder]), as: me),
            WireRecords.writing("seal replaced", to: "notes", in: try #require(pulled["dev-m1"]), as: me),
            WireRecords.visit(id: "vis-fuzz", workOrder: fixture.annaOrder, customer: "cus-20000003", auditor: "anna", as: me),
        ]
        let before = try fixture.storedRecords()
        var mutator = PushMutator(rng: SplitMix64(seed: 0xF1E1D))
        var statuses: [Int: Int] = [:]
        for trial in 0..<Self.trials {
            let body = mutator.mutate(base, batch: "fuzz-\(trial)")
            let response = try await rawRequest(.post, fixture.server.baseURL + "/v1/sync/push", token: fixture.annaToken, body: body)
            statuses[response.status, default: 0] += 1
            if response.status >= 500 {
                Issue.record("trial \(trial) got \(response.status): \(response.text ?? "") for \(String(decoding: body.prefix(400), as: UTF8.self))")
            }
        }
        #expect(statuses.keys.allSatisfy { $0 < 500 }, "\(statuses)")
        #expect(statuses[200, default: 0] > 0 && statuses.count > 2, "the mutations reach both acceptance and several refusals: \(statuses)")
        let health = try await rawRequest(.get, fixture.server.baseURL + "/healthz")
        #expect(health.status == 200)

        let after = try fixture.storedRecords()
        for (key, state) in after {
            let old = before[key]
            for (field, register) in state.fieldEntries {
                for entry in register where entry.replica != me {
                    #expect(old?.fieldEntries[field]?.contains(entry) == true, "\(key) \(field): \(entry) was not there before")
                }
            }
            for (field, register) in old?.fieldEntries ?? [:] where register.contains(where: { $0.replica != me }) {
                let now = state.fieldEntries[field] ?? []
                #expect(!now.isEmpty, "\(key) \(field) was erased")
            }
        }
        #expect(try fixture.integrityCheck() == "ok")
    }
}

/// One stored state, reduced to what the fuzz test compares: each field's entries.
struct StoredEntries {
    struct Entry: Hashable, CustomStringConvertible {
        var replica: String
        var counter: UInt64
        var value: String
        var description: String { "\(replica):\(counter)=\(value)" }
    }
    var fieldEntries: [String: [Entry]]
}

extension ServerFixture {
    /// Every stored record's entries, by `kind/id`.
    func storedRecords() throws -> [String: StoredEntries] {
        var records: [String: StoredEntries] = [:]
        for blob in try store.blobs("SELECT state FROM records WHERE kind <> ?", "") {
                let state = try WireCoding.decode(RecordState.self, from: blob)
                var fields: [String: [StoredEntries.Entry]] = [:]
                for spec in state.schema.fields {
                    let entries = try state.register(spec.name).entries
                    if !entries.isEmpty {
                        fields[spec.name] = entries.map { .init(replica: $0.dot.replica.rawValue, counter: $0.dot.counter, value: $0.value.description) }
                    }
                }
                records["\(state.kind.rawValue)/\(state.id)"] = StoredEntries(fieldEntries: fields)
        }
        return records
    }
}
