import Foundation
import StoreTestSupport
import TestSupport
import Testing

/// The map and work-order API of the console against hostile and mistaken requests: each is
/// answered with a clear 4xx and writes nothing; a supervisor reads the map but cuts no work.
@Suite("console map and work-order API")
struct ConsoleWorkAPITests {
    static let box = #"{"south": 49.9, "west": 11.5, "north": 50.0, "east": 11.6}"#

    @Test("bad selections and bodies are refused 400, a supervisor's cut 403, a stranger's 401; nothing is written; a dispatcher's cut, reassign and split work",
          arguments: StoreKind.allCases)
    func hostileRequests(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        for (name, role) in [("wang.li", "dispatcher"), ("zhao.min", "supervisor")] {
            try fixture.addOfficeUser(name, role: role)
        }
        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)
        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("wang.li", OfficeAccountTests.password).status == 200)
        let stranger = ConsoleSession(baseURL: fixture.server.baseURL)

        let map = try await supervisor.send(.get, "/console/api/map?bbox=49.9,11.5,50.0,11.6")
        #expect(map.status == 200 && map.text?.contains("\"total\":6") == true, "\(map.text ?? "")")
        for query in ["", "?bbox=50,11.5,49,11.6", "?bbox=49.9,11.5,50.0", "?bbox=91,0,92,1", "?bbox=49.9,11.5,50.0,11.6&status=lost",
                      "?bbox=nan,11.5,50,11.6"] {
            let answer = try await supervisor.send(.get, "/console/api/map" + query)
            #expect(answer.status == 400, "\(query): \(answer.status) \(answer.text ?? "")")
        }
        #expect(try await stranger.send(.get, "/console/api/map?bbox=49.9,11.5,50.0,11.6").status == 401)

        // The customer list: the whole file without a box, a page at a time.
        let first = try await supervisor.send(.get, "/console/api/customers?limit=4")
        #expect(first.status == 200 && first.text?.contains("\"matching\":6") == true, "\(first.text ?? "")")
        let next = try #require(first.text?.firstMatch(of: /"next":"([^"]+)"/)?.1)
        let second = try await supervisor.send(.get, "/console/api/customers?limit=4&after=\(next)")
        #expect(second.status == 200 && second.text?.contains("\"next\"") == false, "the last page: \(second.text ?? "")")
        #expect(second.text?.components(separatedBy: "\"account\"").count == 3, "the last two customers: \(second.text ?? "")")
        for query in ["?limit=0", "?limit=501", "?limit=many", "?bbox=50,11.5,49,11.6", "?status=lost", "?visited_since=yesterday"] {
            let answer = try await supervisor.send(.get, "/console/api/customers" + query)
            #expect(answer.status == 400, "\(query): \(answer.status) \(answer.text ?? "")")
        }
        #expect(try await stranger.send(.get, "/console/api/customers").status == 401)

        let before = try fixture.databaseDump()
        let cut = Data(#"{"selection": {"box": \#(Self.box)}, "assignee": "ben"}"#.utf8)
        let refused = try await supervisor.send(.post, "/console/api/work-orders", body: cut)
        #expect(refused.status == 403, "\(refused.text ?? "")")
        #expect(try await stranger.send(.post, "/console/api/work-orders", body: cut).status == 401)
        #expect(try await dispatcher.send(.post, "/console/api/work-orders", body: cut, csrf: false).status == 403)
        let mistakes: [String] = [
            "not json", "{}", #"{"selection": {"box": \#(Self.box)}}"#, #"{"selection": {"box": \#(Self.box)}, "assignee": "  "}"#,
            #"{"selection": {"box": {"south": 95, "west": 11.5, "north": 96, "east": 11.6}}, "assignee": "ben"}"#,
            #"{"selection": {"box": \#(Self.box), "polygon": [{"latitude": 49.9, "longitude": 11.5}]}, "assignee": "ben"}"#,
            #"{"selection": {"box": {"south": 10, "west": 10, "north": 10.1, "east": 10.1}}, "assignee": "ben"}"#,
            #"{"selection": {"box": \#(Self.box)}, "assignee": "ben", "due": "next week"}"#,
            #"{"selection": {"box": \#(Self.box)}, "assignee": "ben", "priority": 9}"#,
            #"{"selection": {"box": \#(Self.box)}, "assignee": "ben", "travel": "helicopter"}"#,
        ]
        for body in mistakes {
            let answer = try await dispatcher.send(.post, "/console/api/work-orders", body: Data(body.utf8))
            #expect(answer.status == 400, "\(body): \(answer.status) \(answer.text ?? "")")
        }
        let preview = try await supervisor.send(.post, "/console/api/cuts/preview", body: Data(#"{"selection": {"box": \#(Self.box)}}"#.utf8))
        #expect(preview.status == 200 && preview.text?.contains("cus-20000006") == true, "a supervisor may look: \(preview.text ?? "")")
        #expect(try fixture.databaseDump() == before, "nothing refused wrote anything")

        let created = try await dispatcher.send(.post, "/console/api/work-orders",
                                                body: Data(#"{"selection": {"box": \#(Self.box), "transformer": "TR-5"}, "assignee": "ben", "due": "2026-12-20"}"#.utf8))
        #expect(created.status == 201, "\(created.text ?? "")")
        let order = try #require((try JSONSerialization.jsonObject(with: created.body) as? [String: Any])?["id"] as? String)
        let reassigned = try await dispatcher.send(.post, "/console/api/work-orders/\(order)/reassign", body: Data(#"{"assignee": "anna"}"#.utf8))
        #expect(reassigned.status == 200 && reassigned.text?.contains("\"assignee\":\"anna\"") == true, "\(reassigned.text ?? "")")
        #expect(try await supervisor.send(.post, "/console/api/work-orders/\(order)/reassign", body: Data(#"{"assignee": "ben"}"#.utf8)).status == 403)
        #expect(try await dispatcher.send(.post, "/console/api/work-orders/wo-none/reassign", body: Data(#"{"assignee": "ben"}"#.utf8)).status == 404)
        let split = try await dispatcher.send(.post, "/console/api/work-orders/\(fixture.annaOrder)/split",
                                              body: Data(#"{"customers": ["20000003"], "assignee": "ben"}"#.utf8))
        #expect(split.status == 201 && split.text?.contains("cus-20000003") == true, "\(split.text ?? "")")
        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", order])).stdout
        #expect(history.contains("\tassignee\tanna\toffice (wang.li)"), "\(history)")
    }
}
