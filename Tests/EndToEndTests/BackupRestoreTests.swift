import AuditServer
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// `audit-server backup` under load and `audit-server restore`: the store goes back to the backup,
/// and the tablets bring back what it forgot of theirs.
@Suite("backup and restore", .serialized)
struct BackupRestoreTests {
    @Test("a backup taken while a tablet syncs, restored: the tablets send again what the store forgot, the office's later writes are gone everywhere, its new ones reach the tablets")
    func restoreUnderLoad() throws {
        let fixture = try ServerFixture(serverArguments: ["--rate", "0"])
        try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "cus-20000004,cus-20000005"]))
        let anna = TerminalHome(in: fixture.directory, name: "anna"), ben = TerminalHome(in: fixture.directory, name: "ben")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try ben.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.benToken])
        try anna.must(["sync"])
        try ben.must(["sync"])

        // Anna works with sync --watch running; the backup is taken in the middle of her edits.
        let backup = fixture.directory.file("backup.sqlite")
        let watch = try anna.startWatch()
        defer { if watch.isRunning { kill(watch.processIdentifier, SIGKILL); watch.waitUntilExit() } }
        for round in 1...6 {
            try anna.must(["edit", "cus-20000001", "notes=round \(round)"])
            if round == 3 {
                let taken = try ServerFixture.expectSuccess(fixture.dispatch(["backup", "--to=\(backup)"])).stdout
                #expect(taken.contains("backed up"), "\(taken)")
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        try anna.must(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.952,11.572", "--reason", "basement"])
        #expect(try anna.eventually(within: 30) { try anna.outbox() == 0 }, "anna's edits reached the store")
        kill(watch.processIdentifier, SIGTERM)
        watch.waitUntilExit()
        // After the backup: Ben's edit, and an office import Anna pulls.
        try ben.must(["edit", "cus-20000004", "phone=0921 555 0444"])
        try ben.must(["sync"])
        let tariff = fixture.directory.file("tariff.csv")
        try "account,name,tariff\n20000003,客户 3,T7\n".write(toFile: tariff, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", tariff]))
        try anna.must(["sync"])
        #expect(try anna.field("cus-20000003", "tariff").value == "T7")

        let whileServing = try fixture.dispatch(["restore", "--from=\(backup)"])
        #expect(whileServing.status != 0 && whileServing.stderr.contains("a server is running"), "\(whileServing.stderr)")
        #expect(fixture.server.stop() == 0)
        let restored = try ServerFixture.expectSuccess(fixture.dispatch(["restore", "--from=\(backup)"])).stdout
        #expect(restored.contains("now writes as server."), "\(restored)")
        try fixture.server.restart()
        #expect(try Self.notes(fixture) != "round 6", "the store went back to the backup")
        // The office's first write after the restore.
        try "account,name,tariff\n20000001,客户 1,T8\n".write(toFile: tariff, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", tariff]))

        let caughtUp = try anna.must(["sync"]).stdout
        #expect(caughtUp.contains("restored from a backup"), "\(caughtUp)")
        try ben.must(["sync"])
        try anna.must(["sync"])

        #expect(try Self.notes(fixture) == "round 6", "anna's last edit is back on the store")
        let states = try fixture.states(.customer)
        #expect(states["cus-20000004"].map(Customer.init)?.phone == "0921 555 0444", "ben's edit is back on the store")
        #expect(states["cus-20000003"].map(Customer.init)?.tariff == "T1", "the office's import after the backup is gone")
        #expect(try anna.field("cus-20000003", "tariff").value == "T1", "gone from the tablet too")
        #expect(try anna.field("cus-20000001", "tariff").value == "T8", "the office's new write reached the tablet")
        #expect(states["cus-20000001"]?.conflicts.isEmpty == true)
        #expect(try fixture.states(.auditVisit).count == 1, "anna's visit is back")
        #expect(try fixture.refusals(of: "tab-anna").isEmpty && fixture.refusals(of: "tab-ben").isEmpty)
        let verified = try fixture.dispatch(["presence", "verify", "--device", "tab-anna"])
        #expect(verified.status == 0, "\(verified.stdout)")
        // The tablet and the store agree on every customer of anna's.
        for id in ServerFixture.annaCustomers {
            for field in ["name", "phone", "tariff", "notes"] {
                #expect(try anna.field(id, field).value == states[id]?.value(of: field)?.description, "\(id) \(field)")
            }
        }
    }

    /// Customer 1's notes on the store.
    static func notes(_ fixture: ServerFixture) throws -> String? {
        try fixture.states(.customer)["cus-20000001"].flatMap { Customer($0).notes }
    }
}

extension BackupRestoreTests {
    /// PostgreSQL's own tools, from Debian's packages.
    static let postgresBin = "/usr/lib/postgresql/15/bin"

    @Test("PostgreSQL: pg_dump while serving, pg_restore with the node stopped, restore starts the new epoch, and the tablet sends again what the dump missed")
    func pgDumpAndRestore() throws {
        let fixture = try ServerFixture(store: .postgres, serverArguments: ["--rate", "0"])
        let url = try #require(fixture.storeArguments.last)
        let location = try PostgresLocation(url: url)
        let anna = TerminalHome(in: fixture.directory, name: "anna")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])
        try anna.must(["edit", "cus-20000001", "notes=before the dump"])
        try anna.must(["sync"])

        let dump = fixture.directory.file("fieldaudit.dump")
        let connection = ["-h", location.host, "-p", String(location.port), "-U", location.username]
        let dumped = try run(Self.postgresBin + "/pg_dump", connection + ["-Fc", "-f", dump, location.database])
        #expect(dumped.status == 0, "\(dumped.stderr)")
        try anna.must(["edit", "cus-20000001", "notes=after the dump"])
        try anna.must(["sync"])

        #expect(fixture.server.stop() == 0)
        let restoredDump = try run(Self.postgresBin + "/pg_restore", connection + ["--clean", "--create", "-d", "postgres", dump])
        #expect(restoredDump.status == 0, "\(restoredDump.stderr)")
        #expect(try Self.notes(fixture) == "before the dump")
        let epoch = try ServerFixture.expectSuccess(fixture.dispatch(["restore"])).stdout
        #expect(epoch.contains("now writes as server."), "\(epoch)")
        try fixture.server.restart()
        let caughtUp = try anna.must(["sync"]).stdout
        #expect(caughtUp.contains("restored from a backup"), "\(caughtUp)")
        #expect(try Self.notes(fixture) == "after the dump")
        #expect(try fixture.refusals(of: "tab-anna").isEmpty)
    }
}
