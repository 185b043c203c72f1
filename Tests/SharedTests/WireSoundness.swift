import Foundation
@testable import Shared
import Testing

// What every answer of the wire reader must satisfy, whatever the input: checks that do not go
// through the reader itself. Foundation's JSONDecoder is the independent judge of JSON syntax
// (read into a plain JSON tree, no wire rules), the Codable *encoder* the independent writer, and
// the invariants of a record state are checked through RecordState's own API.

/// Any JSON value, read by Foundation's `JSONDecoder`: the reference for what is JSON at all.
///
/// `JSONDecoder` checks the syntax of the whole document before any value is read, so reading
/// into this type fails exactly when Foundation does not take the bytes for JSON; a value it
/// scans but cannot represent (`1e400`, a bad escape it reads lazily) is kept as `unreadable`.
indirect enum PlainJSON: Decodable, Equatable {
    case object([String: PlainJSON])
    case array([PlainJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case unreadable

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null; return }
        if let flag = try? single.decode(Bool.self) { self = .bool(flag); return }
        if let number = try? single.decode(Double.self) { self = .number(number); return }
        if let text = try? single.decode(String.self) { self = .string(text); return }
        if let elements = try? single.decode([PlainJSON].self) { self = .array(elements); return }
        if let members = try? single.decode([String: PlainJSON].self) { self = .object(members); return }
        self = .unreadable
    }

    /// Whether Foundation takes `data` for JSON.
    static func accepts(_ data: Data) -> Bool {
        (try? JSONDecoder().decode(PlainJSON.self, from: data)) != nil
    }
}

/// Whether Foundation's `JSONDecoder` would trap on `data` instead of throwing: when a `[` that
/// nests deeper than 512 is the last byte, its scanner computes an error location past the end of
/// the input and fails a precondition (swift-foundation, Swift 6.3.1), which kills the process.
/// Such input is never valid JSON; the wire reader must refuse it.
func crashesFoundation(_ data: Data) -> Bool {
    guard data.last(where: { $0 != 0 }) == 0x5B else { return false }
    return data.lazy.filter { $0 == 0x5B }.count >= 500
}

/// The invariants a replica relies on, checked on a state through its own API: every entry
/// covered by the vector with a counter of at least 1, at most one entry per replica in a field,
/// no dot used twice, entries sorted by dot, every value passing its field's rule.
func wellFormedProblems(_ state: RecordState) -> [String] {
    var problems: [String] = []
    var dots = Set<Dot>()
    for component in state.vector.components where component.counter == 0 { problems.append("vector \(component.replica) is 0") }
    for (index, spec) in state.schema.fields.enumerated() {
        let entries = state.registers[index].entries
        if entries.map(\.dot) != entries.map(\.dot).sorted() { problems.append("\(spec.name): entries not sorted") }
        if Set(entries.map(\.dot.replica)).count != entries.count { problems.append("\(spec.name): two entries from one replica") }
        for entry in entries {
            if entry.dot.counter == 0 { problems.append("\(spec.name): counter 0") }
            if !state.vector.covers(entry.dot) { problems.append("\(spec.name): \(entry.dot) not covered") }
            if !dots.insert(entry.dot).inserted { problems.append("\(spec.name): \(entry.dot) twice") }
            do { try spec.validate(entry.value) } catch { problems.append(error.description) }
        }
    }
    if !RecordIdentifier.isValid(state.id) { problems.append("id \(state.id)") }
    return problems
}

/// The reader's verdict on `data` is sound: it refuses what Foundation does not read as JSON (and
/// input on which Foundation would trap), refuses with a message, and what it accepts is well
/// formed and reads back the same after the reference encoder wrote it.
func expectSound<Value: Encodable & Equatable>(
    _ data: Data, _ decode: (Data) throws(WireError) -> Value, states: (Value) -> [RecordState],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let result = Result { () throws(WireError) -> Value in try decode(data) }
    switch result {
    case .failure(let error):
        #expect(!error.problem.isEmpty, sourceLocation: sourceLocation)
    case .success(let value):
        let text = String(decoding: data.prefix(2_000), as: UTF8.self)
        #expect(!crashesFoundation(data) && PlainJSON.accepts(data), "accepted what is not JSON: \(text)", sourceLocation: sourceLocation)
        for state in states(value) {
            let problems = wellFormedProblems(state)
            #expect(problems.isEmpty, "accepted \(problems) from \(text)", sourceLocation: sourceLocation)
        }
        do {
            #expect(try decode(WireCoding.encode(value)) == value, sourceLocation: sourceLocation)
        } catch {
            Issue.record("accepted \(text), but not its re-encoding: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// `expectSound` for a single record state.
func expectSound(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) {
    expectSound(data, RecordStateCodec.decode, states: { [$0] }, sourceLocation: sourceLocation)
}

/// For each (document, expected): the reader accepts it ("--accepted--"), or refuses it with a
/// message containing `expected` (the path and the problem).
func expectVerdicts<Value>(_ cases: [(String, String)], _ decode: (Data) throws(WireError) -> Value,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    for (json, expected) in cases {
        let result = Result { () throws(WireError) -> Value in try decode(Data(json.utf8)) }
        switch (result, expected == "--accepted--") {
        case (.success, true): break
        case (.failure(let error), false):
            #expect(error.description.contains(expected), "\(json): \(error)", sourceLocation: sourceLocation)
        case (.success, false): Issue.record("\(json): accepted, expected \(expected)", sourceLocation: sourceLocation)
        case (.failure(let error), true): Issue.record("\(json): refused with \(error)", sourceLocation: sourceLocation)
        }
    }
}
