import ArgumentParser
import Foundation
import Shared

/// The sync messages' JSON codec against Foundation's `JSONDecoder`/`JSONEncoder` (issue 11).
///
/// Sync messages have no `Decodable` conformance any more (the wire reader is their only reader),
/// so the `JSONDecoder` side reads the same documents into ``WireShape``, plain structs of the same
/// shape with no wire rule checked: a lower bound for any `Codable` reader of these messages.
struct CodecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Sync-message JSON: the hand-written codec against JSONDecoder/JSONEncoder, µs per record and MB/s.",
        discussion: """
            Builds the messages the sync path carries, in memory, from the same generators as \
            server-load: the customer CSV (CustomerFile) read with the office's importer into \
            --customers customer states written by the server, plus their work order (a \
            5,001-state work packet by default), and a push of --push-records of those customers, \
            each edited once by a tablet (PushLoad's edits: notes, phone, transformer, phases, \
            location).

            Then times, for each message, decoding its JSON and encoding it: with the hand-written \
            codec (PushRequest.decodeFast, WorkPacket.decodeFast, encodeFast, RecordStateCodec), \
            which reads every sync message and checks every wire rule while reading, and with \
            Foundation: WireCoding's JSONEncoder through the Encodable conformances, and \
            JSONDecoder into plain structs of the same shape that check no rule at all (a lower \
            bound for any Codable reader; sync messages are not Decodable). Packets are encoded \
            as their states, which is what the server writes: it assembles a packet from the \
            stored bytes of each state. Each figure is the best of repeated runs over at least \
            --seconds; it prints µs per record, MB/s of JSON, and how many times faster the \
            hand-written codec is. The writers are checked to give the same bytes, and the readers to \
            read the same documents, first.

              swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench codec
            """
    )

    @Option(help: "Customers in the work packet (the packet holds them and their work order).")
    var customers = 5_000

    @Option(help: "Records in the push request.")
    var pushRecords = 100

    @Option(help: "Seconds each measurement repeats for, at least; the best run counts.")
    var seconds = 1.0

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
        guard (1...customers).contains(pushRecords) else { throw ValidationError("--push-records must be 1 to --customers") }
        guard seconds > 0 else { throw ValidationError("--seconds must be more than 0") }
    }

    func run() throws {
        let packet = try Self.packet(customers: customers)
        let push = try Self.push(editing: Array(packet.customers.prefix(pushRecords)))
        let packetJSON = try WireCoding.encode(packet)
        let pushJSON = try WireCoding.encode(push)
        try Self.checkAgreement(packet: packet, packetJSON: packetJSON, push: push, pushJSON: pushJSON)

        let states = packet.allRecords
        let statesJSON = try WireCoding.encode(states)
        let rows = [
            Row(name: "packet decode", records: states.count, bytes: packetJSON.count,
                fast: try measure { _ = try WorkPacket.decodeFast(packetJSON) },
                codable: try measure { _ = try JSONDecoder().decode(WireShape.Packet.self, from: packetJSON) }),
            Row(name: "packet encode", records: states.count, bytes: statesJSON.count,
                fast: try measure { _ = RecordStateCodec.encode(states) },
                codable: try measure { _ = try WireCoding.encode(states) }),
            Row(name: "push decode", records: push.records.count, bytes: pushJSON.count,
                fast: try measure { _ = try PushRequest.decodeFast(pushJSON) },
                codable: try measure { _ = try JSONDecoder().decode(WireShape.Push.self, from: pushJSON) }),
            Row(name: "push encode", records: push.records.count, bytes: pushJSON.count,
                fast: try measure { _ = push.encodeFast() },
                codable: try measure { _ = try WireCoding.encode(push) }),
        ]

        print("codec: \(ProcessInfo.processInfo.activeProcessorCount) cores; best of runs of at least \(seconds) s each")
        print("packet: \(Format.grouped(states.count)) states, \(Format.bytes(packetJSON.count)) JSON; push: \(push.records.count) records, \(Format.bytes(pushJSON.count)) JSON")
        print(Row.header)
        for row in rows { print(row.line) }
    }

    // MARK: Messages

    /// A work order of `customers` customers as the server holds them after `import customers`
    /// and `workorder create`: every field written by the server.
    static func packet(customers: Int) throws -> WorkPacket {
        let imported = RecordImporter.customers.read(CustomerFile(count: customers).csv().text)
        guard imported.isClean, imported.records.count == customers else {
            throw BenchFailure("the generated customer file did not import cleanly: \(imported.problems.prefix(3))")
        }
        var clock = HybridLogicalClock()
        let states = try imported.records.map { try $0.record.newState(by: .server, at: clock.now()) }
        let order = WorkOrder(id: try TypedID("wo-bench"), area: "Bayreuth bench", assignee: "aud-bench",
                              customers: imported.records.map(\.record.id))
        return WorkPacket(workOrder: try order.newState(by: .server, at: clock.now()), customers: states,
                          devices: [], visits: [], cursor: Int64(customers + 1))
    }

    /// A tablet's push of `states`, each edited once as server-load's tablets edit them.
    static func push(editing states: [RecordState]) throws -> PushRequest {
        let terminal = "tab-1"
        let replica = ReplicaID(stringLiteral: "t-\(terminal)")
        var clock = HybridLogicalClock()
        let records = try states.enumerated().map { sequence, state in
            var state = state
            let (field, value) = PushLoad.edit(sequence, terminal: terminal)
            try state.write(value, to: field, by: replica, at: clock.now())
            return state
        }
        return PushRequest(batchID: "bench-\(terminal)-0", records: records)
    }

    /// Both paths must write the same bytes and read the same values, or the figures mean nothing.
    static func checkAgreement(packet: WorkPacket, packetJSON: Data, push: PushRequest, pushJSON: Data) throws {
        guard RecordStateCodec.encode(packet.allRecords) == (try WireCoding.encode(packet.allRecords)) else {
            throw BenchFailure("the codecs encode the packet's states differently")
        }
        guard push.encodeFast() == pushJSON else { throw BenchFailure("the codecs encode the push differently") }
        guard try WorkPacket.decodeFast(packetJSON) == packet,
              try JSONDecoder().decode(WireShape.Packet.self, from: packetJSON).recordCount == packet.allRecords.count else {
            throw BenchFailure("a reader does not read the packet back")
        }
        guard try PushRequest.decodeFast(pushJSON) == push,
              try JSONDecoder().decode(WireShape.Push.self, from: pushJSON).records.count == push.records.count else {
            throw BenchFailure("a reader does not read the push back")
        }
    }

    // MARK: Timing

    /// The fastest of repeated runs of `body`, repeated for at least `seconds` and at least 3 times.
    func measure(_ body: () throws -> Void) rethrows -> Duration {
        let clock = ContinuousClock()
        try body()
        var best = Duration.seconds(3600)
        var runs = 0
        let start = clock.now
        while runs < 3 || clock.now - start < .milliseconds(Int(seconds * 1000)) {
            let started = clock.now
            try body()
            best = min(best, clock.now - started)
            runs += 1
        }
        return best
    }

    /// One message and direction, both ways.
    struct Row {
        var name: String
        var records: Int
        var bytes: Int
        var fast: Duration
        var codable: Duration

        static let header = "                 fast µs/record   MB/s   Foundation µs/record   MB/s   speed-up"

        var line: String {
            func perRecord(_ time: Duration) -> Double { time.seconds * 1e6 / Double(records) }
            func throughput(_ time: Duration) -> Double { Double(bytes) / 1e6 / time.seconds }
            return String(format: "%@ %16.2f %6.0f %22.2f %6.0f   %6.1f×", name.padding(toLength: 16, withPad: " ", startingAt: 0),
                          perRecord(fast), throughput(fast), perRecord(codable), throughput(codable), codable.seconds / fast.seconds)
        }
    }
}

/// The sync messages' JSON as plain `Decodable` structs: every member and type, no wire rule (no
/// kind, field, id, replica or vector check, no field rule). What `JSONDecoder` costs at the least.
enum WireShape {
    struct Record: Decodable {
        var fields: [String: [Entry]]
        var id: String
        var kind: String
        var vector: [String: UInt64]
    }

    struct Entry: Decodable {
        var counter: UInt64
        var hlc: Stamp
        var replica: String
        var value: Value
    }

    struct Stamp: Decodable {
        var ms: UInt64
        var n: UInt32
    }

    struct Point: Decodable {
        var lat: Double
        var lon: Double
    }

    /// A field value: its JSON type decides the case.
    enum Value: Decodable {
        case null, text(String), number(Double), flag(Bool), location(Point), list([String])

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null }
            else if let text = try? single.decode(String.self) { self = .text(text) }
            else if let number = try? single.decode(Double.self) { self = .number(number) }
            else if let flag = try? single.decode(Bool.self) { self = .flag(flag) }
            else if let list = try? single.decode([String].self) { self = .list(list) }
            else { self = .location(try single.decode(Point.self)) }
        }
    }

    struct Packet: Decodable {
        var work_order: Record
        var customers: [Record]
        var devices: [Record]
        var visits: [Record]
        var cursor: Int64
        var map: Data?

        var recordCount: Int { 1 + customers.count + devices.count + visits.count }
    }

    struct Push: Decodable {
        var batch_id: String
        var records: [Record]
    }
}
