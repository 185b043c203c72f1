import AuditTerminal
import Compression
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// What one token may ask of a real audit-server: body size after gzip, request rate, long-polls,
/// and how revocation ends waiting pulls; and how /metrics labels what it counts.
@Suite("audit-server HTTP limits", .serialized)
struct HTTPLimitsTests {
    /// The `fieldaudit_waiting_pulls` gauge.
    static func waitingPulls(_ fixture: ServerFixture) async throws -> Int {
        let text = try await rawRequest(.get, fixture.server.baseURL + "/metrics").text ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("fieldaudit_waiting_pulls ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? -1
    }

    /// Polls the gauge until `count` pulls wait (the pulls are started in other tasks).
    static func awaitWaitingPulls(_ fixture: ServerFixture, count: Int) async throws {
        for _ in 0..<400 {
            if try await waitingPulls(fixture) >= count { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw FixtureError("the server never reported \(count) waiting pull(s)")
    }

    /// A long-poll of `wait` seconds, answered with whatever status the server gives.
    static func longPoll(_ fixture: ServerFixture, token: String, wait: Int = 60) async throws -> HTTPResponse {
        let client = HTTPClient(configuration: .init(timeout: .seconds(wait + 30), retryPolicy: .none))
        let cursor = try await fixture.client(token: token).pull(after: 0).cursor
        var request = HTTPRequest(url: URL(string: fixture.server.baseURL + "/v1/sync/pull?cursor=\(cursor)&wait=\(wait)")!)
        request.headers["Authorization"] = "Bearer \(token)"
        return try await client.send(request)
    }

    static func errorCode(_ response: HTTPResponse) -> String? {
        (try? WireCoding.decode(APIErrorBody.self, from: response.body))?.error
    }

    @Test("a 1 GiB gzip bomb is answered 413 body_too_large, nothing is written, and the server keeps answering",
          arguments: StoreKind.allCases)
    func gzipBomb(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let before = try fixture.databaseDump()
        // 1,024 gzip members of 1 MiB of zeros each: about 1 MB on the wire, 1 GiB inflated.
        let member = Gzip.compress(Data(count: 1 << 20), level: 9)
        var bomb = Data(capacity: member.count * 1_024)
        for _ in 0..<1_024 { bomb.append(member) }
        #expect(bomb.count < 32 << 20, "the bomb itself is under the body limit, so only inflating it can catch it")

        let client = HTTPClient(configuration: .init(retryPolicy: .none))
        let request = HTTPRequest(method: .post, url: URL(string: fixture.server.baseURL + "/v1/sync/push")!,
                                  headers: ["Authorization": "Bearer \(fixture.annaToken)", "Content-Type": "application/json",
                                            "Content-Encoding": "gzip"],
                                  body: bomb)
        let response = try await client.send(request)
        #expect(response.status == 413)
        #expect(Self.errorCode(response) == "body_too_large", "\(response.text ?? "")")

        let health = try await rawRequest(.get, fixture.server.baseURL + "/healthz")
        #expect(health.status == 200)
        #expect(try fixture.databaseDump() == before)
        // The device still syncs afterwards.
        _ = try await fixture.anna.pull(after: 0)
    }

    @Test("past its request rate a device is answered 429 rate_limited with Retry-After; other devices are not affected")
    func rateLimit() async throws {
        // A burst of 3 and a refill so slow that no token comes back during the test.
        let fixture = try ServerFixture(serverArguments: ["--rate", "0.001", "--burst", "3"])
        var statuses: [Int] = []
        var refused: HTTPResponse?
        for _ in 0..<4 {
            let response = try await rawRequest(.get, fixture.server.baseURL + "/v1/device", token: fixture.annaToken)
            statuses.append(response.status)
            if response.status == 429 { refused = response }
        }
        #expect(statuses == [200, 200, 200, 429])
        let response = try #require(refused)
        #expect(Self.errorCode(response) == "rate_limited")
        #expect(response.headers["Retry-After"].flatMap(Int.init).map { $0 >= 1 } == true)
        let ben = try await rawRequest(.get, fixture.server.baseURL + "/v1/device", token: fixture.benToken)
        #expect(ben.status == 200, "the limit is per device")
        #expect(try await rawRequest(.get, fixture.server.baseURL + "/healthz").status == 200)
    }

    @Test("a device holding its limit of long-polls is answered 429 too_many_long_polls; another device still long-polls")
    func longPollLimit() async throws {
        let fixture = try ServerFixture(serverArguments: ["--max-long-polls", "2"])
        let first = Task { try await Self.longPoll(fixture, token: fixture.annaToken) }
        let second = Task { try await Self.longPoll(fixture, token: fixture.annaToken) }
        try await Self.awaitWaitingPulls(fixture, count: 2)

        let third = try await Self.longPoll(fixture, token: fixture.annaToken, wait: 5)
        #expect(third.status == 429)
        #expect(Self.errorCode(third) == "too_many_long_polls", "\(third.text ?? "")")
        #expect(third.headers["Retry-After"] != nil)
        // A pull that does not wait is not a long-poll and is still served.
        #expect(try await rawRequest(.get, fixture.server.baseURL + "/v1/sync/pull", token: fixture.annaToken).status == 200)

        let ben = Task { try await Self.longPoll(fixture, token: fixture.benToken) }
        try await Self.awaitWaitingPulls(fixture, count: 3)
        // Ending the server releases the waiting pulls with what they have.
        fixture.server.stop()
        for task in [first, second, ben] { _ = try? await task.value }
    }

    @Test("revoking a device from another process ends its waiting long-poll with 401 token_rejected",
          arguments: StoreKind.allCases)
    func revocationEndsLongPoll(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let anna = Task { try await Self.longPoll(fixture, token: fixture.annaToken, wait: 60) }
        let ben = Task { try await Self.longPoll(fixture, token: fixture.benToken, wait: 60) }
        try await Self.awaitWaitingPulls(fixture, count: 2)

        try ServerFixture.expectSuccess(fixture.dispatch(["device", "revoke", "tab-anna"]))
        // Had the pull run to its 60 s timeout it would have answered 200 with an empty page.
        let response = try await anna.value
        #expect(response.status == 401)
        #expect(Self.errorCode(response) == "token_rejected", "\(response.text ?? "")")
        #expect(try await Self.waitingPulls(fixture) == 1, "Ben's pull still waits")

        // Ben's pull is untouched: a dispatcher's change for him still reaches it.
        try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "cus-20000004"]))
        let benResponse = try await ben.value
        #expect(benResponse.status == 200)
        #expect(try PullResponse.decodeFast(benResponse.body).records.isEmpty == false)
    }

    @Test("/metrics counts requests by matched route template, one label for unmatched paths")
    func routeLabels() async throws {
        let fixture = try ServerFixture()
        let base = fixture.server.baseURL
        _ = try await rawRequest(.get, base + "/v1/maps/\(fixture.annaOrder)", token: fixture.annaToken)
        _ = try await rawRequest(.get, base + "/v1/maps/wo-other", token: fixture.annaToken)
        _ = try await rawRequest(.get, base + "/v1/packets/\(fixture.annaOrder)", token: fixture.annaToken)
        _ = try await rawRequest(.get, base + "/no/such/path/\(UUID().uuidString)")
        _ = try await rawRequest(.get, base + "/v1/sync/pull", token: fixture.annaToken)
        let text = try await rawRequest(.get, base + "/metrics").text ?? ""
        let requests = text.split(separator: "\n").filter { $0.hasPrefix("fieldaudit_http_requests_total{") }
        #expect(requests.contains { $0.contains(#"route="/v1/maps/{work_order}""#) })
        #expect(requests.contains { $0.contains(#"route="/v1/packets/{work_order}""#) && $0.contains(#"status="200""#) })
        #expect(requests.contains { $0.contains(#"route="/v1/sync/pull""#) })
        #expect(requests.contains { $0.contains(#"route="unmatched""#) && $0.contains(#"status="404""#) }, "\(requests)")
        #expect(!requests.contains { $0.contains(fixture.annaOrder) || $0.contains("/no/such") }, "no label per path")
        for metric in ["fieldaudit_merges_total", "fieldaudit_conflicts_total", "fieldaudit_waiting_pulls", "fieldaudit_sync_seconds_bucket"] {
            #expect(text.contains(metric), "\(metric) is served")
        }
    }
}
