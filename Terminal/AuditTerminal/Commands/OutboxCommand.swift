import ArgumentParser
import Foundation
import Shared

/// `audit-terminal outbox [list|retry|export]`: what waits to be sent and what the server refused.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Show the edits waiting to be sent and the batches the server refused, with its reason.",
        discussion: """
            A batch the server refuses for its content (HTTP 400, 403, 413 or 422, for example 403 \
            field_forbidden) is set aside on the tablet so the sync goes on with everything else; it \
            is never deleted. Its records keep their edits in the tablet's cache, and edits made to \
            them later are sent as usual. Ask the office about the reason, then:

              audit-terminal outbox                  waiting edits, refused batches
              audit-terminal outbox retry 3          send batch 3 again
              audit-terminal outbox export 3 FILE    for audit-server import outbox
            """,
        subcommands: [List.self, Retry.self, Export.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand, AuditTerminalSubcommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List waiting edits and refused batches.")
        @ParentCommand var root: AuditTerminalCommand
        @Flag(help: "Print JSON: {\"waiting\": [{record, edits, since_ms}], \"refused\": [{id, batch_id, records, status, code, detail, at_ms}]}.")
        var json = false

        struct Listing: Encodable {
            var waiting: [TerminalStore.WaitingRecord]
            var refused: [TerminalStore.QuarantinedBatch]
        }

        func run() async throws {
            let store = try root.home.store()
            let listing = Listing(waiting: try store.waiting(), refused: try store.quarantined())
            if json { try printJSON(listing); return }
            print(language.localized("terminal.outbox.waiting", ["count": listing.waiting.count]))
            for entry in listing.waiting {
                print("  \(entry.record)  " + language.localized("terminal.outbox.edits_since", ["count": entry.edits, "time": Self.time(entry.since)]))
            }
            print(language.localized("terminal.outbox.refused", ["count": listing.refused.count]))
            for batch in listing.refused {
                print("  #\(batch.id)  \(Self.time(batch.at))  \(batch.status) \(batch.code): \(batch.detail)")
                print("       " + language.localized("terminal.outbox.records", [
                    "count": batch.records.count, "records": batch.records.map(\.description).joined(separator: ", ")]))
            }
            if !listing.refused.isEmpty {
                print(language.localized("terminal.outbox.how_to_retry"))
            }
        }

        static func time(_ milliseconds: Int64) -> String {
            Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
        }
    }

    struct Retry: AsyncParsableCommand, AuditTerminalSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a refused batch back: its records' current states go out at the next sync.",
            discussion: "If the server refuses them again, they are set aside again with its new answer.")
        @ParentCommand var root: AuditTerminalCommand
        @Argument(help: "The refused batch's number, from audit-terminal outbox.") var id: Int64

        func run() async throws {
            let keys = try root.home.store().retryQuarantined(id)
            print(language.localized("terminal.outbox.queued_again", ["id": id, "count": keys.count]))
        }
    }

    struct Export: AsyncParsableCommand, AuditTerminalSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a refused batch to a file, in the format audit-server import outbox FILE reads.",
            discussion: "The batch stays set aside on the tablet.")
        @ParentCommand var root: AuditTerminalCommand
        @Argument(help: "The refused batch's number, from audit-terminal outbox.") var id: Int64
        @Argument(help: "The file to write.") var file: String

        func run() async throws {
            let store = try root.home.store()
            let identity = try store.identity()
            let batch = try store.quarantinedBatch(id)
            try WireCoding.encode(OutboxFile(device: identity.device.name, batch: batch)).write(to: URL(fileURLWithPath: file), options: .atomic)
            print(language.localized("terminal.outbox.wrote", ["file": file, "id": id, "batch": batch.batchID, "count": batch.records.count]))
        }
    }
}
