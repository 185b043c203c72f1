import Foundation
import StoreTestSupport
import TestSupport
import Testing

/// Many conflicts resolved at once by a rule, after a preview: from a shell and through the
/// console's API, on both stores.
@Suite("conflicts resolved by a rule", .serialized)
struct ConflictRuleCommandTests {
    /// The phones of customers 1 and 2 in conflict: the office changed each while Anna, offline, changed it too.
    static func fixture(store: StoreKind) async throws -> ServerFixture {
        let fixture = try await RecordHistoryTests.conflictedFixture(store: store)
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let customer = try #require(try await anna.pulled()["cus-20000002"])
        let csv = fixture.directory.file("phones-2.csv")
        try "account,name,phone\n20000002,客户 2,0921 555 0300\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))
        #expect(try await anna.push([WireRecords.writing("0921 555 0400", to: "phone", in: customer, as: "t-tab-anna")]).status == 200)
        return fixture
    }

    @Test("resolve-all: --dry-run lists each conflict with its writers and the value kept, writes nothing; a side with no value leaves the conflict alone; then the same list is resolved under the user's name",
          arguments: StoreKind.allCases)
    func resolveAll(store: StoreKind) async throws {
        let fixture = try await Self.fixture(store: store)
        let help = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve-all", "--help"])).stdout
        #expect(help.contains("--dry-run") && help.contains("--keep <mis|office|auditor|newest>") && help.contains("Examples:"), "\(help)")

        let before = try fixture.databaseDump()
        let mis = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve-all", "--field", "phone", "--keep", "mis", "--dry-run"])).stdout
        #expect(mis.contains("customer/cus-20000001 phone: \"0921 555 0100\" by office | \"0921 555 0200\" by tablet tab-anna (anna) -> left alone: the MIS wrote no value here"), "\(mis)")
        let dry = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve-all", "--field", "phone", "--keep", "auditor", "--kind", "customer", "--dry-run"])).stdout
        #expect(dry.contains("customer/cus-20000002 phone: \"0921 555 0300\" by office | \"0921 555 0400\" by tablet tab-anna (anna) -> keep \"0921 555 0400\" by tablet tab-anna (anna)"), "\(dry)")
        #expect(dry.contains("dry run: would resolve 2, leave 0 alone; nothing was written"), "\(dry)")
        let chinese = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve-all", "--field", "phone", "--keep", "auditor", "--dry-run", "--lang", "zh-CN"])).stdout
        #expect(chinese.contains("保留“0921 555 0400”") && chinese.contains("试运行：将解决 2 个冲突"), "\(chinese)")
        #expect(try fixture.databaseDump() == before, "a preview writes nothing")

        let applied = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve-all", "--field", "phone", "--keep", "auditor"])).stdout
        #expect(applied.contains("resolved 2, left 0 alone"), "\(applied)")
        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", "20000002"])).stdout
        #expect(history.contains("\tphone\t0921 555 0400\toffice (shell:\(NSUserName()))"), "\(history)")
        let none = try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve-all", "--field", "phone", "--keep", "auditor"])).stdout
        #expect(none.contains("no open conflict on phone matches the rule"), "\(none)")

        let wrong = try fixture.dispatch(["conflicts", "resolve-all", "--field", "colour", "--keep", "mis"])
        #expect(wrong.status != 0 && wrong.stderr.contains("has no field colour"), "\(wrong.stderr)")
        #expect(try fixture.dispatch(["conflicts", "resolve-all", "--field", "phone", "--keep", "boss"]).status != 0)
    }

    @Test("the console's preview is anyone's; apply is a writer's (a supervisor gets 403, bad input 400, nothing written) and resolves what the preview listed as the logged-in user",
          arguments: StoreKind.allCases)
    func consoleAPI(store: StoreKind) async throws {
        let fixture = try await Self.fixture(store: store)
        for (name, role) in [("wang.li", "dispatcher"), ("zhao.min", "supervisor")] {
            try fixture.addOfficeUser(name, role: role)
        }
        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)
        let preview = try await supervisor.send(.post, "/console/api/conflicts/preview", json: ["field": "phone", "keep": "auditor"])
        #expect(preview.status == 200, "\(preview.text ?? "")")
        let conflicts = try #require((try JSONSerialization.jsonObject(with: preview.body) as? [String: Any])?["conflicts"] as? [[String: Any]])
        #expect(conflicts.map { $0["id"] as? String } == ["cus-20000001", "cus-20000002"])
        #expect((conflicts.first?["keep"] as? [String: Any])?["writer"] as? String == "tablet tab-anna (anna)")
        let apply = try JSONSerialization.data(withJSONObject: ["field": "phone", "keep": "auditor", "conflicts": conflicts])

        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("wang.li", OfficeAccountTests.password).status == 200)
        let before = try fixture.databaseDump()
        let refused = try await supervisor.send(.post, "/console/api/conflicts/apply", body: apply)
        #expect(refused.status == 403 && refused.text?.contains("read_only_role") == true, "\(refused.text ?? "")")
        #expect(try await dispatcher.send(.post, "/console/api/conflicts/preview", json: ["field": "phone", "keep": "boss"]).status == 400)
        #expect(try await dispatcher.send(.post, "/console/api/conflicts/apply", json: ["field": "phone", "keep": "auditor"]).status == 400)
        let stray = try JSONSerialization.data(withJSONObject: ["field": "tariff", "keep": "auditor", "conflicts": conflicts])
        let strayAnswer = try await dispatcher.send(.post, "/console/api/conflicts/apply", body: stray)
        #expect(strayAnswer.status == 400 && strayAnswer.text?.contains("not_in_rule") == true, "\(strayAnswer.text ?? "")")
        #expect(try fixture.databaseDump() == before, "nothing was written")

        let applied = try await dispatcher.send(.post, "/console/api/conflicts/apply", body: apply)
        #expect(applied.status == 200 && applied.text?.contains("\"resolved\":2") == true, "\(applied.text ?? "")")
        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", "cus-20000001"])).stdout
        #expect(history.contains("\tphone\t0921 555 0200\toffice (wang.li)"), "\(history)")
        let again = try await dispatcher.send(.post, "/console/api/conflicts/apply", body: apply)
        #expect(again.status == 200 && again.text?.contains("\"left\":2") == true && again.text?.contains("\"changed\"") == true, "\(again.text ?? "")")
    }
}
