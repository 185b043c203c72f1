import ArgumentParser
import Foundation
import Shared

/// `audit-server show REF`: one record now.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record now: every field (each value of a conflict, and who wrote it), its devices and work orders.",
        discussion: """
            REF is a record id of any kind (cus-…, dev-…, wo-…, vis-…) or a customer's account number. \
            In a conflict every value is listed with its writer; the one marked * is the one shown \
            until someone resolves it (audit-server conflicts resolve).

            Example: audit-server show --data /var/lib/fieldaudit 3001000001
            """)
    @OptionGroup var data: DataOptions
    @Argument(help: "A record id, or a customer's account number.")
    var reference: String
    @Flag(help: "Print JSON (the console's record API answer) instead of text.")
    var json = false

    func run() async throws {
        let view = try CommandErrors.reported { try RecordInspection(database: try data.open()).view(reference) }
        if json {
            print(String(decoding: try WireCoding.encode(view), as: UTF8.self))
            return
        }
        print("\(view.kind) \(view.id)" + (view.county.isEmpty ? "" : "  county \(view.county)"))
        let width = view.fields.map(\.name.count).max() ?? 0
        for field in view.fields {
            let name = field.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if field.inConflict {
                print("\(name)  CONFLICT")
                for value in field.values {
                    print("\(String(repeating: " ", count: width))  \(value.shown ? "*" : " ") \(value.value)  — \(value.writer), \(RecordTime.text(value.stampMs))")
                }
            } else if let value = field.values.first {
                print("\(name)  \(value.value)")
            }
        }
        if !view.devices.isEmpty { print("devices: " + view.devices.joined(separator: ", ")) }
        if !view.workOrders.isEmpty { print("work orders: " + view.workOrders.joined(separator: ", ")) }
    }
}

/// `audit-server history REF`: every write of one record.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every write of one record: time, field, value and who wrote it (tablet and auditor, office user, MIS).",
        discussion: """
            REF is a record id or a customer's account number. Times are the writer's clock, in UTC. \
            Concurrent writes of one field both appear: the history keeps what the record's state \
            only keeps until the conflict is resolved.

            Example: audit-server history --data /var/lib/fieldaudit 3001000001
            """)
    @OptionGroup var data: DataOptions
    @Argument(help: "A record id, or a customer's account number.")
    var reference: String

    func run() async throws {
        let (key, writes) = try CommandErrors.reported { try RecordInspection(database: try data.open()).history(reference) }
        print("\(key.kind.rawValue) \(key.id): \(writes.count) writes")
        for write in writes {
            print([RecordTime.text(write.stampMs), write.field, write.value, write.writer].joined(separator: "\t"))
        }
    }
}

/// Times of writes as people read them: UTC, to the second.
enum RecordTime {
    static func text(_ milliseconds: UInt64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
