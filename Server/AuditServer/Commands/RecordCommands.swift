import ArgumentParser
import CommandLanguage
import Foundation
import Shared
import TextLayout

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
    @OptionGroup var messages: LanguageOptions
    @Argument(help: "A record id, or a customer's account number.")
    var reference: String
    @Flag(help: "Print JSON (the console's record API answer) instead of text.")
    var json = false

    func run() async throws {
        let language = messages.language
        let view = try CommandErrors.reported { try RecordInspection(database: try data.open()).view(reference, in: json ? .english : language) }
        if json {
            print(String(decoding: try WireCoding.encode(view), as: UTF8.self))
            return
        }
        print(view.text(in: language))
    }
}

extension RecordInspection.View {
    /// The record for a person in `language`: its kind and id, each field's value (in conflict,
    /// every value with its writer and time, the one shown marked `*`), its devices and work orders.
    func text(in language: Language) -> String {
        let kind = RecordKind(rawValue: self.kind)
        var heading = "\(kind?.label(in: language) ?? self.kind) \(id)"
        if !county.isEmpty { heading += "  " + language.localized("server.show.county", ["county": county]) }
        var table = TextTable([.left, .left])
        for field in fields {
            let name = kind?.schema.label(of: field.name, in: language) ?? field.name
            if field.inConflict {
                table.add([name, language.localized("server.show.conflict")])
                for value in field.values {
                    let written = language.localized("server.show.written", ["writer": value.writer, "time": RecordTime.text(value.stampMs)])
                    table.add(["", "\(value.shown ? "*" : " ") \(value.value)  \(written)"])
                }
            } else if let value = field.values.first {
                table.add([name, value.value])
            }
        }
        var lines = [heading] + table.lines
        if !devices.isEmpty { lines.append(language.localized("server.show.devices", ["devices": devices.joined(separator: ", ")])) }
        if !workOrders.isEmpty { lines.append(language.localized("server.show.work_orders", ["orders": workOrders.joined(separator: ", ")])) }
        return lines.joined(separator: "\n")
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
    @OptionGroup var messages: LanguageOptions
    @Argument(help: "A record id, or a customer's account number.")
    var reference: String

    func run() async throws {
        let language = messages.language
        let (key, writes) = try CommandErrors.reported { try RecordInspection(database: try data.open()).history(reference, in: language) }
        print(language.localized("server.history.heading", ["kind": key.kind.label(in: language), "id": key.id, "count": writes.count]))
        for write in writes {
            let field = key.kind.schema.label(of: write.field, in: language)
            print([RecordTime.text(write.stampMs), field, write.value, write.writer].joined(separator: "\t"))
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
