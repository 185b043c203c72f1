import ArgumentParser
import CommandLanguage
import Foundation
import Logging
import Shared

/// `audit-server packet export`: a work packet as a file, for a tablet that never sees a network.
struct PacketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        abstract: "Work packets as files, for tablets that never see a network.",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one work order's complete packet to a file.",
            discussion: """
                The file holds the same JSON as GET /v1/packets/{work_order}. Load it on the tablet with \
                audit-terminal import-packet FILE. The file is written to a temporary name and renamed, \
                so a half-written packet never exists.

                Example: audit-server packet export --data /var/lib/fieldaudit --work-order wo-17 --out wo-17.json
                """
        )
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(name: .customLong("work-order"), help: "The work order's id.") var workOrder: String
        @Option(help: "The file to write.") var out: String

        func run() async throws {
            let database = try data.open()
            let maps = WorkOrderMaps(dataDirectory: data.data)
            let packet = try await CommandErrors.reportedAsync {
                try await database.read { db in try SyncService.packet(workOrder: workOrder, maps: maps, in: db) }
            }
            let language = messages.language
            try AtomicFile.write(packet.json, to: out, in: language)
            let contents = try WorkPacket.decodeFast(packet.json)
            let map = contents.map.map { language.localized("server.packet.map", ["bytes": $0.count]) } ?? language.localized("server.packet.no_map")
            print(language.localized("server.packet.wrote", [
                "file": out, "order": workOrder, "customers": contents.customers.count, "devices": contents.devices.count,
                "visits": contents.visits.count, "map": map]))
        }
    }
}

extension CommandErrors {
    static func reportedAsync<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as APIError {
            throw ExitCodeMessage(error.body.detail)
        }
    }
}

/// Writing a file so that readers see the old content or the new, never half of it.
enum AtomicFile {
    /// Writes `data` to `path`; a failure is told in `language`.
    static func write(_ data: Data, to path: String, in language: Language) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ExitCodeMessage(language.localized("server.cannot_write", ["file": path, "error": error.localizedDescription]))
        }
    }
}
