import Foundation
import PropertyBased
@testable import Shared
import Testing

/// Every wire rule broken once in an otherwise valid push: the reader refuses the body, and the
/// error names the record, the member and the rule (`records[1].fields.phone[0].value: phone: …`).
@Suite("Broken wire rules")
struct BrokenRuleTests {
    /// One way of breaking one rule of a record state, and the error it must give.
    enum Breakage: CaseIterable {
        case zeroCounter, uncoveredCounter, wrongValueType, fieldRule, badReplica, missingClock, unknownField,
             zeroInVector, badReplicaInVector, badID, unknownKind, missingMember
    }

    @Test("each broken rule is refused with the record, the member and the rule", arguments: Breakage.allCases)
    func brokenRule(_ breakage: Breakage) async {
        await propertyCheck(count: 150, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            var records: [RecordState] = []
            for _ in 0..<states.int(1...3) {
                var state = states.state()
                let spec = states.pick(state.schema.fields)
                _ = try state.write(states.value(for: spec), to: spec.name, by: states.pick(CodecStates.replicas), at: states.stamp())
                if !records.contains(where: { $0.key == state.key }) { records.append(state) }
            }
            let target = states.int(0...records.count - 1)
            guard case .object(var members) = try JSONTree.parse(RecordStateCodec.encode(records[target])),
                  let (path, problem) = Self.damage(&members, records[target], breakage, &states) else { return }
            var elements = try records.map { try JSONTree.parse(RecordStateCodec.encode($0)) }
            elements[target] = .object(members)
            let body = Data(("{\"batch_id\":\"b-\(seed)\",\"records\":" + Self.compact(.array(elements)) + "}").utf8)
            let place = "records[\(target)]" + (path.isEmpty ? "" : "." + path)
            #expect {
                try PushRequest.decodeFast(body)
            } throws: { error in
                guard let error = error as? WireError else { return false }
                return error.path == place && error.problem.contains(problem)
            }
        }
    }

    /// Breaks `members` (a record's JSON) as `breakage` says; returns the path inside the record
    /// and the text the problem must contain, or `nil` when this state offers nothing to break.
    static func damage(_ members: inout [(String, JSONTree)], _ state: RecordState, _ breakage: Breakage,
                        _ random: inout CodecStates) -> (String, String)? {
        let written = state.schema.fields.indices.filter { !state.registers[$0].entries.isEmpty }
        let field = random.pick(written)
        let spec = state.schema.fields[field]
        let position = random.int(0...state.registers[field].entries.count - 1)
        let entry = state.registers[field].entries[position]
        let entryPath = "fields.\(spec.name)[\(position)]"
        func editEntry(_ edit: (inout [(String, JSONTree)]) -> Void) {
            update(&members, "fields") { fields in
                guard let index = fields.firstIndex(where: { $0.0 == spec.name }), case .array(var entries) = fields[index].1,
                      case .object(var item) = entries[position] else { return }
                edit(&item)
                entries[position] = .object(item)
                fields[index].1 = .array(entries)
            }
        }
        switch breakage {
        case .zeroCounter:
            editEntry { set(&$0, "counter", .number("0")) }
            return (entryPath + ".counter", "counters start at 1")
        case .uncoveredCounter:
            guard state.vector[entry.dot.replica] < .max else { return nil }
            editEntry { set(&$0, "counter", .number(String(state.vector[entry.dot.replica] + 1))) }
            return (entryPath + ".counter", "is not covered by the vector")
        case .wrongValueType:
            editEntry { set(&$0, "value", spec.rule.valueType == .flag ? .string("yes") : .literal("true")) }
            return (entryPath + ".value", "expected ")
        case .fieldRule:
            guard let bad = badValue(spec.rule) else { return nil }
            editEntry { set(&$0, "value", bad) }
            return (entryPath + ".value", spec.name + ": ")
        case .badReplica:
            editEntry { set(&$0, "replica", .string("Bad Replica")) }
            return (entryPath + ".replica", "replica: must be")
        case .missingClock:
            editEntry { item in item.removeAll { $0.0 == "hlc" } }
            return (entryPath + ".hlc", "is missing")
        case .unknownField:
            update(&members, "fields") { fields in fields.append(("zz_colour", fields[0].1)) }
            return ("fields.zz_colour", "'zz_colour' is not a field of \(state.kind.rawValue)")
        case .zeroInVector:
            let replica = random.pick(state.vector.components).replica
            update(&members, "vector") { set(&$0, replica.rawValue, .number("0")) }
            return ("vector." + replica.rawValue, "counters start at 1")
        case .badReplicaInVector:
            update(&members, "vector") { $0.append(("T-Upper", .number("1"))) }
            return ("vector.T-Upper", "replica: must be")
        case .badID:
            set(&members, "id", .string("bad id"))
            return ("id", "id must be")
        case .unknownKind:
            set(&members, "kind", .string("planet"))
            return ("kind", "planet")
        case .missingMember:
            let member = random.pick(["fields", "id", "kind", "vector"])
            members.removeAll { $0.0 == member }
            return (member, "is missing")
        }
    }

    /// A value of the right JSON type that the rule refuses, where there is one.
    static func badValue(_ rule: FieldRule) -> JSONTree? {
        switch rule {
        case .text(let maxLength): return .string(String(repeating: "x", count: maxLength + 1))
        case .digits: return .string("12ab")
        case .phone: return .string("call me")
        case .email: return .string("nobody")
        case .choice: return .string("zz-not-a-code")
        case .integer(let range): return range.upperBound < .max ? .number(String(range.upperBound + 1)) : nil
        case .decimal(let minimum): return minimum.isFinite && minimum > -1e300 ? .number(String(minimum - 1)) : nil
        case .location: return .object([("lat", .number("91")), ("lon", .number("0"))])
        case .date: return .string("2026-02-30")
        case .timestamp: return .string("yesterday")
        case .appointment: return .string("2026-12-03 11:00-09:00")
        case .reference: return .string("bad id")
        case .references: return .array([.string("bad id")])
        case .flag: return nil
        }
    }

    static func set(_ members: inout [(String, JSONTree)], _ key: String, _ value: JSONTree) {
        if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
    }

    /// Edits the members of the object under `key`.
    static func update(_ members: inout [(String, JSONTree)], _ key: String, _ edit: (inout [(String, JSONTree)]) -> Void) {
        guard let index = members.firstIndex(where: { $0.0 == key }), case .object(var inner) = members[index].1 else { return }
        edit(&inner)
        members[index].1 = .object(inner)
    }

    /// The tree as compact JSON.
    static func compact(_ tree: JSONTree) -> String {
        switch tree {
        case .object(let members):
            return "{" + members.map { quoted($0.0) + ":" + compact($0.1) }.joined(separator: ",") + "}"
        case .array(let elements): return "[" + elements.map(compact).joined(separator: ",") + "]"
        case .string(let text): return quoted(text)
        case .number(let token), .literal(let token): return token
        }
    }

    static func quoted(_ text: String) -> String { String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }
}
