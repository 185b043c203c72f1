import Foundation
import Shared

extension DispatchService {
    /// Every open conflict `rule` covers, sorted by kind and id, each with its values, their
    /// writers and the value the rule would keep (or why it would leave the conflict alone).
    /// Writes nothing; hand the result's ``ConflictMatch/target``s to ``apply(_:to:chunkSize:)``.
    /// - Throws: `400 unknown_field` when no kind the rule names has its field.
    public func preview(_ rule: ConflictRule) throws -> [ConflictMatch] {
        let kinds = try rule.kinds()
        return try database.read { db in
            var writers = RecordHistory.WriterNames()
            var arguments: [StoreValue] = kinds.map { .text($0.rawValue) }
            var sql = "SELECT county, state FROM records WHERE conflicted = 1 AND kind IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))"
            if let county = rule.county {
                sql += " AND county = ?"
                arguments.append(.text(county))
            }
            return try db.rows(sql + " ORDER BY kind, id", StoreArguments(arguments)).compactMap { row in
                let state = try RecordTable.decode(try row.decode(Data.self, at: 1))
                return try Self.match(rule, in: state, county: try row.decode(String.self, at: 0), writers: &writers, db: db)
            }
        }
    }

    /// Resolves the previewed conflicts `targets` by `rule`, as ``author``, one transaction per
    /// `chunkSize` of them. A target whose conflict changed since the preview (another write came
    /// in, or someone resolved it) is left alone (``ConflictRule/Skip/changed``), as is one the
    /// rule leaves alone; every other is resolved with the value the preview showed.
    /// - Returns: each target's outcome, in order: `skipped` is `nil` for those resolved.
    /// - Throws: `400 unknown_field` or `400 not_in_rule` (a target of another field or kind)
    ///   before anything is written.
    public func apply(_ rule: ConflictRule, to targets: [ConflictTarget], chunkSize: Int = 500) throws -> [ConflictMatch] {
        let kinds = try rule.kinds()
        if let stray = targets.first(where: { $0.field != rule.field || !kinds.contains($0.kind) }) {
            throw APIError(status: 400, code: "not_in_rule", detail: "\(stray.kind.rawValue)/\(stray.id) \(stray.field) is not a conflict the rule covers")
        }
        var outcomes: [ConflictMatch] = []
        for start in stride(from: 0, to: targets.count, by: max(chunkSize, 1)) {
            let chunk = Array(targets[start..<min(start + max(chunkSize, 1), targets.count)])
            outcomes += try database.write { db in try Self.apply(rule, to: chunk, author: author, in: db) }
        }
        return outcomes
    }

    /// ``apply(_:to:chunkSize:)`` of one chunk, in the caller's transaction: the states read at
    /// once, the resolutions saved together.
    private static func apply(_ rule: ConflictRule, to targets: [ConflictTarget], author: String, in db: any StoreConnection) throws -> [ConflictMatch] {
        var states = try RecordTable.load(targets.map { RecordKey(kind: $0.kind, id: $0.id) }, in: db)
        let counties = try RecordPlacement.placed(Array(states.keys), in: db)
        let server = try StoreEpoch.current(in: db).server
        var clock = try ServerClock.load(in: db)
        var writers = RecordHistory.WriterNames()
        var writes: [RecordWrite] = []
        let outcomes = try targets.map { target -> ConflictMatch in
            let key = RecordKey(kind: target.kind, id: target.id)
            let county = counties[key] ?? ""
            let current = try states[key].flatMap { try match(rule, in: $0, county: county, writers: &writers, db: db) }
            guard let state = states[key], let outcome = current, outcome.digest == target.digest, rule.county.map({ $0 == county }) ?? true else {
                return ConflictMatch(kind: target.kind, id: target.id, county: county, field: target.field, digest: current?.digest ?? "",
                                     values: current?.values ?? [], skipped: .changed)
            }
            guard let keep = outcome.keep, outcome.skipped == nil, let replica = try? ReplicaID(validating: keep.replica) else { return outcome }
            let resolved = try resolved(state, field: rule.field, with: .pick(replica), by: server, clock: &clock)
            writes.append(RecordWrite(state: resolved, previous: state))
            states[key] = resolved
            return outcome
        }
        try ServerClock.store(clock, in: db)
        try RecordBatch.save(writes, origin: "dispatch", batchID: nil, author: author, in: db)
        return outcomes
    }

    /// What `rule` does to `state`'s field; `nil` when that field is not in conflict.
    private static func match(_ rule: ConflictRule, in state: RecordState, county: String, writers: inout RecordHistory.WriterNames,
                              db: any StoreConnection) throws -> ConflictMatch? {
        guard let index = state.schema.index(of: rule.field), state.registers[index].isConflicted else { return nil }
        let register = state.registers[index]
        let shown = register.shown(under: state.schema.fields[index].authority)
        let values = try register.entries.map { entry in
            RecordInspection.Value(value: entry.value.description, replica: entry.dot.replica.rawValue,
                                   writer: try writers.name(of: entry.dot.replica.rawValue, in: db), stampMs: entry.stamp.milliseconds,
                                   shown: entry == shown)
        }
        var match = ConflictMatch(kind: state.kind, id: state.id, county: county, field: rule.field,
                                  digest: ConflictTarget.digest(of: register.entries), values: values)
        switch rule.choose(from: register.entries) {
        case .keep(let kept): match.keep = values[register.entries.firstIndex(of: kept) ?? 0]
        case .leave(let skip): match.skipped = skip
        }
        return match
    }
}
