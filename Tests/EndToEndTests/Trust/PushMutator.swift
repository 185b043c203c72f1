import Foundation
import Shared

/// Random mutations of a valid push batch, as a fuzzer would send them: structural changes to the
/// states (replicas, counters, vectors, clocks, values, ids, fields) and damage to the bytes.
struct PushMutator {
    var rng: SplitMix64
    let replicas = ["server", "mis", "t-tab-ben", "t-tab-anna", "t-tab-anna.2", "zz", "", "SERVER"]
    let ids = ["cus-20000001", "cus-20000004", "cus-20000006", "wo-nope", "dev-m1", "vis-new", "", String(repeating: "x", count: 70)]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    mutating func counter() -> Any {
        pick([0, 1, 2, 3, 1 << 53, (1 << 53) + 1, UInt64.max, Int64(-1), 1.5, "7", NSNull()] as [Any])
    }

    mutating func value() -> Any {
        pick(["T9", "", String(repeating: "长", count: 3_000), 42, -1e308, true, NSNull(), ["cus-20000004"], ["lat": 91, "lon": 0],
              ["lat": 49.95, "lon": 11.57], [String: Any](), "2026-12-01T09:00:00Z", "ben", "anna", "cus-20000004", "wo-nope"] as [Any])
    }

    /// One to three mutations of `records`, or damaged bytes of the whole body.
    mutating func mutate(_ records: [[String: Any]], batch: String) -> Data {
        var records = records
        var batchID: Any = batch
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let index = Int.random(in: 0..<records.count, using: &rng)
            var record = records[index]
            var fields = record["fields"] as? [String: Any] ?? [:]
            var vector = record["vector"] as? [String: Any] ?? [:]
            let fieldName = fields.keys.sorted().isEmpty ? "notes" : pick(fields.keys.sorted())
            var entries = fields[fieldName] as? [[String: Any]] ?? []
            var entry = entries.first ?? ["replica": "t-tab-anna", "counter": 1, "hlc": ["ms": 1, "n": 0], "value": "x"]
            switch Int.random(in: 0..<14, using: &rng) {
            case 0: entry["replica"] = pick(replicas)
            case 1: entry["counter"] = counter()
            case 2: vector[pick(replicas)] = counter()
            case 3: vector.removeValue(forKey: pick(Array(vector.keys) + ["server"]))
            case 4: entry["hlc"] = ["ms": pick([0, HybridLogicalClock.wallClockMilliseconds() + 2 * 86_400_000, UInt64.max, 1] as [Any]),
                                    "n": pick([0, UInt32.max, UInt64(UInt32.max) + 1, -1] as [Any])]
            case 5: entry["value"] = value()
            case 6: fields.removeValue(forKey: fieldName)
            case 7: fields = [:]
            case 8: record["id"] = pick(ids)
            case 9: record["kind"] = pick(["customer", "device", "work_order", "audit_visit", "meter", 7] as [Any])
            case 10: records.append(record)
            case 11: fields[pick(["tariff", "assignee", "customers", "auditor", "time", "bogus", "customer"])] = [entry]
            case 12: batchID = pick(["", String(repeating: "b", count: 200), "a b", 12, NSNull()] as [Any])
            default: entries.append(entry)
            }
            if !entries.isEmpty { entries[0] = entry }
            if fields[fieldName] != nil { fields[fieldName] = entries }
            record["fields"] = fields
            record["vector"] = vector
            records[index] = record
        }
        var body = (try? JSONSerialization.data(withJSONObject: ["batch_id": batchID, "records": records])) ?? Data("{}".utf8)
        if Int.random(in: 0..<5, using: &rng) == 0 { damage(&body) }
        return body
    }

    /// Flips, cuts or inserts bytes.
    mutating func damage(_ body: inout Data) {
        guard !body.isEmpty else { return }
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = Int.random(in: 0..<body.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: body[at] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: body = body.prefix(at)
            default: body.insert(pick(Array("{}[]\",:\\0-9e".utf8)), at: at)
            }
            if body.isEmpty { return }
        }
    }
}
