import ArgumentParser
import Foundation
import Shared

/// `audit-terminal enroll --server URL --token T [--ca-file FILE] [--insecure]`.
struct EnrollCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Enrol this tablet with the server, using the token a dispatcher printed.",
        discussion: """
            The token is kept in the tablet's database, which only its owner may read (mode 0600).

            Use an https:// address. When the server's certificate comes from a private CA (the \
            utility's own), give that CA's certificate with --ca-file: it is copied into the tablet's \
            home and trusted on every later sync. Plain http:// is accepted only to this machine \
            (localhost, 127.0.0.1, ::1) unless --insecure says the token may cross the network unencrypted.

            Examples:
              audit-terminal enroll --server https://sync.example.net:8443 --token 6b25be29…
              audit-terminal enroll --server https://10.0.0.5:8443 --ca-file utility-ca.pem --token 6b25be29…
            """)
    @ParentCommand var root: AuditTerminalCommand
    @Option(help: "The server's address, for example https://10.0.0.5:8443.") var server: String
    @Option(help: "The token from audit-server device enroll.") var token: String
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM certificate(s) of the CA that signed the server's certificate, trusted instead of the system's CAs.", valueName: "file"))
    var caFile: String?
    @Flag(help: "Allow plain http:// to another machine: the token and the customers' data travel unencrypted.")
    var insecure = false

    /// The name the CA file is kept under in the tablet's home.
    static let caFileName = "server-ca.pem"

    func validate() throws {
        guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw ValidationError("--server must be an http:// or https:// address, for example https://10.0.0.5:8443")
        }
        if scheme == "http" && !insecure && !Self.isLoopback(url) {
            throw ValidationError("""
                refusing plain http:// to \(url.host ?? server): the device token and customers' data would cross the network \
                unencrypted. Use https:// (with --ca-file for a private CA), or add --insecure to accept the risk.
                """)
        }
        if let caFile, scheme != "https" {
            throw ValidationError("--ca-file \(caFile) is only used with an https:// server address")
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile): cannot read the file")
        }
    }

    /// Whether `url` names this machine: `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ url: URL) -> Bool {
        let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    func run() async throws {
        let url = URL(string: server)!
        let store = try home.store()
        // The CA file is kept in the home, so the enrolment does not depend on where it came from;
        // it replaces the one kept before only once the server was reached with it.
        let keptCA = (home.path as NSString).appendingPathComponent(Self.caFileName)
        let candidate = try caFile.map { try keep(caFile: $0, as: keptCA + ".new") }
        defer { if let candidate { try? FileManager.default.removeItem(atPath: candidate) } }
        let device: DeviceIdentity
        do { device = try await HomeOptions.client(server: url, token: token, caFile: candidate).whoami() } catch {
            throw TerminalError("enrolment failed: \(error)")
        }
        if let candidate {
            guard rename(candidate, keptCA) == 0 else {
                throw TerminalError("cannot keep the CA file as \(keptCA): \(String(cString: strerror(errno)))")
            }
        }
        try store.enroll(.init(server: url, token: token, device: device, caFile: candidate == nil ? nil : keptCA))
        print(language.localized("terminal.enroll.done", [
            "device": device.name, "replica": device.replica, "auditor": device.auditor, "server": url.absoluteString]))
        try await registerKey(store)
    }

    /// Registers the new evidence key at once; when the server cannot take it yet, the next sync tries again.
    func registerKey(_ store: TerminalStore) async throws {
        guard let head = try store.chainHead() else { return }
        do {
            try await HomeOptions.client(for: try store.identity()).registerKey(head.signer)
            try store.evidenceKeyRegistered(head.signer)
            print(language.localized("terminal.enroll.key_registered", ["key": String(head.signer.prefix(8))]))
        } catch {
            print(language.localized("terminal.enroll.key_pending", ["key": String(head.signer.prefix(8)), "error": "\(error)"]))
        }
    }

    /// Copies `caFile` to `target` (mode 0600) and returns `target`.
    func keep(caFile: String, as target: String) throws -> String {
        guard let contents = FileManager.default.contents(atPath: caFile) else { throw TerminalError("cannot read --ca-file \(caFile)") }
        guard String(decoding: contents, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw TerminalError("--ca-file \(caFile) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        try contents.write(to: URL(fileURLWithPath: target), options: .atomic)
        chmod(target, 0o600)
        return target
    }
}

/// `audit-terminal sync [--watch]`.
struct SyncCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send this tablet's edits and fetch new work and changes.",
        discussion: """
            Exits 0 when the tablet and the server are in step. Without a network it exits 1 with the \
            reason; every edit stays on the tablet for the next try. With --watch it keeps a connection \
            open so work a dispatcher assigns arrives at once, and retries quietly while offline.

            With --watch and --gps SOURCE it also records the day's track: a point every 25 m or 60 s, \
            each kept on the tablet at once, closed into a signed track batch every 10 minutes or 200 \
            points, when the source ends and on Ctrl-C or SIGTERM; batches are sent like any edit.

            Examples:
              audit-terminal sync
              audit-terminal sync --watch --gps gpsd://
              audit-terminal sync --watch --gps "nmea:walk.nmea?speed=50"
            """)
    @ParentCommand var root: AuditTerminalCommand
    @Flag(help: "Keep syncing until interrupted.") var watch = false

    func run() async throws {
        let engine = try home.engine()
        if watch {
            let track = try root.position.source.map { _ in TrackLog(store: try home.store()) }
            let recording = try track.map { track in try TrackRecording.start(track, from: root.position.spec().makeSource(defaultSpeed: 1)) }
            print(track == nil ? language.localized("terminal.sync.watching")
                  : language.localized("terminal.sync.watching_track", ["source": root.position.gps]))
            await engine.watch { [language] report in
                print(language.localized("terminal.sync.watch_report", [
                    "sent": report.pushedRecords, "received": report.pulledChanges, "conflicts": report.conflicts])
                      + (report.mapsFetched > 0 ? language.localized("terminal.sync.maps_fetched", ["count": report.mapsFetched]) : ""))
            }
            recording?.cancel()
            return
        }
        do {
            let report = try await engine.syncOnce()
            if let resent = report.rebased {
                print(language.localized("terminal.sync.rebased", ["count": resent]))
            }
            if let replica = report.newReplica {
                print(language.localized("terminal.sync.new_replica", ["replica": replica]))
            }
            print(language.localized("terminal.sync.in_step", ["sent": report.pushedRecords, "received": report.pulledChanges])
                  + (report.conflicts > 0 ? language.localized("terminal.sync.now_in_conflict", ["count": report.conflicts]) : "")
                  + (report.mapsFetched > 0 ? language.localized("terminal.sync.maps_fetched", ["count": report.mapsFetched]) : ""))
            if report.quarantined > 0 {
                print(language.localized("terminal.sync.quarantined", ["count": report.quarantined]))
            }
        } catch {
            let waiting = (try? home.store().outboxCount()) ?? 0
            throw TerminalError(language.localized("terminal.sync.failed", ["error": "\(error)", "count": waiting]))
        }
    }
}

/// `audit-terminal status`.
struct StatusCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the server, the last sync, the number of unsent edits and of batches the server refused, and the evidence chain.",
        discussion: "The evidence line names the key that signs visits and track batches (its first characters), how many items its chain holds, whether the server has the key yet, and the track points not yet closed into a batch.")
    @ParentCommand var root: AuditTerminalCommand
    @Flag(help: "Print JSON.") var json = false

    struct Status: Encodable {
        var server: String?
        var device: String?
        var auditor: String?
        var lastSync: String?
        var lastError: String?
        var replica: String?
        var outbox: Int
        /// Batches the server refused, set aside (`audit-terminal outbox` lists them).
        var refused: Int
        var cursor: Int64
        /// The public key (base64) signing visits and track batches.
        var signer: String?
        /// How many items the current chain holds.
        var chainLength: Int64
        /// Whether the server acknowledged every key made on this tablet.
        var keyRegistered: Bool
        /// Track points not yet closed into a signed batch.
        var unsentTrackPoints: Int
        enum CodingKeys: String, CodingKey {
            case server, device, auditor, replica, outbox, refused, cursor, signer
            case lastSync = "last_sync", lastError = "last_error", chainLength = "chain_length", keyRegistered = "key_registered"
            case unsentTrackPoints = "unsent_track_points"
        }
    }

    func run() async throws {
        let store = try home.store()
        let identity = try? store.identity()
        let head = try store.chainHead()
        let lastSync = try store.recall("last_sync_ms").flatMap(Double.init).map {
            Date(timeIntervalSince1970: $0 / 1000).formatted(.iso8601)
        }
        let status = Status(server: identity?.server.absoluteString, device: identity?.device.name, auditor: identity?.device.auditor,
                            lastSync: lastSync, lastError: try store.recall("last_error").flatMap { $0.isEmpty ? nil : $0 },
                            replica: identity?.device.replica.rawValue,
                            outbox: try store.outboxCount(), refused: try store.quarantineCount(), cursor: try store.cursor(),
                            signer: head?.signer, chainLength: head?.length ?? 0, keyRegistered: head?.registered ?? false,
                            unsentTrackPoints: try store.unsentTrackPointCount())
        if json { try printJSON(status); return }
        var lines = LabelledLines()
        lines.add(language.localized("terminal.status.server"), status.server ?? language.localized("terminal.status.not_enrolled"))
        lines.add(language.localized("terminal.status.device"), language.localized("terminal.status.device_line", [
            "device": status.device ?? "-", "auditor": status.auditor ?? "-", "replica": status.replica ?? "-"]))
        lines.add(language.localized("terminal.status.last_sync"), status.lastSync ?? language.localized("terminal.status.never"))
        if let error = status.lastError { lines.add(language.localized("terminal.status.last_error"), error) }
        lines.add(language.localized("terminal.status.outbox"), language.localized("terminal.status.unsent", ["count": status.outbox]))
        if let signer = status.signer {
            lines.add(language.localized("terminal.status.evidence"), language.localized("terminal.status.chain", ["signer": String(signer.prefix(8)), "count": status.chainLength])
                        + (status.keyRegistered ? "" : language.localized("terminal.status.key_unregistered")))
        }
        lines.add(language.localized("terminal.status.track"), language.localized("terminal.status.track_points", ["count": status.unsentTrackPoints]))
        if status.refused > 0 {
            lines.add(language.localized("terminal.status.refused"), language.localized("terminal.status.refused_batches", ["count": status.refused]))
        }
        print(lines.text)
    }
}

/// `audit-terminal import-packet FILE` and `export-outbox FILE`.
struct ImportPacketCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "import-packet",
        abstract: "Load a work packet file exported by the server (for a tablet that never sees a network).")
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The packet file from audit-server packet export.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw TerminalError(language.localized("terminal.cannot_read", ["file": file])) }
        let packet: WorkPacket
        do { packet = try WorkPacket.decodeFast(data) } catch {
            throw TerminalError(language.localized("terminal.import.not_a_packet", ["file": file, "error": error.description]))
        }
        let changed = try home.store().importPacket(packet)
        print(language.localized("terminal.import.loaded", [
            "id": packet.workOrder.id, "customers": packet.customers.count, "devices": packet.devices.count, "changed": changed]))
    }
}

struct ExportOutboxCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export-outbox",
        abstract: "Write the unsent edits to a file a dispatcher imports with audit-server import outbox FILE.",
        discussion: "The file is the batch the tablet would push; importing it twice has the effect of importing it once.")
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The file to write.") var file: String

    func run() async throws {
        let store = try home.store()
        let identity = try store.identity()
        guard let batch = try store.nextBatch(limit: Int.max) else {
            print(language.localized("terminal.export.empty"))
            return
        }
        try WireCoding.encode(OutboxFile(device: identity.device.name, batch: batch)).write(to: URL(fileURLWithPath: file), options: .atomic)
        print(language.localized("terminal.export.wrote", ["file": file, "count": batch.records.count, "batch": batch.batchID]))
    }
}
