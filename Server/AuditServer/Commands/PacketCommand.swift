import ArgumentParser
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
        @Option(name: .customLong("work-order"), help: "The work order's id.") var workOrder: String
        @Option(help: "The file to write.") var out: String

        func run() async throws {
            let database = try data.open()
            let maps = WorkOrderMaps(dataDirectory: data.data)
            let packet = try await CommandErrors.reportedAsync {
                try await database.read { db in try SyncService.packet(workOrder: workOrder, maps: maps, in: db) }
            }
            try AtomicFile.write(packet.json, to: out)
            let contents = try WorkPacket.decodeFast(packet.json)
            let map = contents.map.map { "; road map of the area, \($0.count) bytes" } ?? "; no road map (none imported)"
            print("wrote \(out): work order \(workOrder), \(contents.customers.count) customers, \(contents.devices.count) devices, \(contents.visits.count) visits\(map)")
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
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ExitCodeMessage("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
