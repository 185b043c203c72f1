import Foundation
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// Office users log in to the console: passwords hashed, sessions in HttpOnly SameSite=Strict
/// cookies, a CSRF token on every write, guessing throttled, on both stores.
@Suite("office accounts and console sessions", .serialized)
struct OfficeAccountTests {
    static let password = "correct horse battery"

    static func fixture(_ store: StoreKind) throws -> ServerFixture {
        let fixture = try ServerFixture(store: store)
        try ServerFixture.expectSuccess(fixture.dispatch(["user", "add", "wang.li", "--role", "dispatcher"], input: Data((password + "\n").utf8)))
        return fixture
    }

    @Test("user add asks for the password on standard input, keeps only an scrypt hash, refuses short passwords and bad names; user list shows roles",
          arguments: StoreKind.allCases)
    func users(store: StoreKind) throws {
        let fixture = try Self.fixture(store)
        let hashes = try fixture.store.rows("SELECT password_hash FROM office_users")
        #expect(hashes.count == 1 && hashes[0].contains("scrypt$32768$8$1$") && !hashes[0].contains(Self.password), "\(hashes)")
        let short = try fixture.dispatch(["user", "add", "li.na", "--role", "supervisor"], input: Data("short\n".utf8))
        #expect(short.status != 0 && short.stderr.contains("at least 10"), "\(short.stderr)")
        let badName = try fixture.dispatch(["user", "add", "Li Na", "--role", "supervisor"], input: Data((Self.password + "\n").utf8))
        #expect(badName.status != 0 && badName.stderr.contains("not a user name"), "\(badName.stderr)")
        let twice = try fixture.dispatch(["user", "add", "wang.li", "--role", "admin"], input: Data((Self.password + "\n").utf8))
        #expect(twice.status != 0 && twice.stderr.contains("exists"), "\(twice.stderr)")
        let list = try ServerFixture.expectSuccess(fixture.dispatch(["user", "list"])).stdout
        #expect(list == "wang.li\tdispatcher\tactive\n")
    }

    @Test("login sets an HttpOnly SameSite=Strict cookie; the session answers who is logged in; a write without the CSRF token is refused; logout ends the session",
          arguments: StoreKind.allCases)
    func sessions(store: StoreKind) async throws {
        let fixture = try Self.fixture(store)
        var browser = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await browser.send(.get, "/console/api/session").status == 401)
        let login = try await browser.logIn("wang.li", Self.password)
        #expect(login.status == 200)
        let cookie = login.headers["Set-Cookie"] ?? ""
        for attribute in ["fa_session=", "HttpOnly", "SameSite=Strict", "Path=/console"] {
            #expect(cookie.contains(attribute), "\(cookie)")
        }
        #expect(!cookie.contains("Secure"), "plain http: a Secure cookie would never come back")
        let who = try await browser.send(.get, "/console/api/session")
        #expect(who.status == 200 && who.text?.contains("\"role\":\"dispatcher\"") == true && who.text?.contains("\"user\":\"wang.li\"") == true)

        let forged = try await browser.send(.post, "/console/api/logout", csrf: false)
        #expect(forged.status == 403 && forged.text?.contains("csrf_rejected") == true)
        #expect(try await browser.send(.get, "/console/api/session").status == 200, "a refused write changes nothing")
        let logout = try await browser.send(.post, "/console/api/logout")
        #expect(logout.status == 204)
        #expect(try await browser.send(.get, "/console/api/session").status == 401)
        #expect(try fixture.scalar("SELECT COUNT(*) FROM office_sessions") == 0)

        // A login sent as a form (what a page of another site could post) is refused.
        let form = try await ConsoleSession(baseURL: fixture.server.baseURL)
            .send(.post, "/console/api/login", json: ["user": "wang.li", "password": Self.password], contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415)
    }

    @Test("five wrong passwords lock the name: the sixth try is refused 429 with Retry-After even with the right password; other users still log in; disabling a user ends their session",
          arguments: StoreKind.allCases)
    func throttling(store: StoreKind) async throws {
        let fixture = try Self.fixture(store)
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", Self.password).status == 200)

        var guesser = ConsoleSession(baseURL: fixture.server.baseURL)
        for guess in 1...5 {
            let answer = try await guesser.logIn("wang.li", "guess number \(guess)")
            #expect(answer.status == 401 && answer.text?.contains("wrong_credentials") == true)
        }
        let locked = try await guesser.logIn("wang.li", Self.password)
        #expect(locked.status == 429 && locked.text?.contains("too_many_logins") == true)
        #expect(Int(locked.headers["Retry-After"] ?? "") ?? 0 > 0)
        let unknown = try await guesser.logIn("nobody", Self.password)
        #expect(unknown.status == 401, "an unknown name is refused like a wrong password")

        #expect(try await supervisor.send(.get, "/console/api/session").status == 200)
        try ServerFixture.expectSuccess(fixture.dispatch(["user", "disable", "zhao.min"]))
        #expect(try await supervisor.send(.get, "/console/api/session").status == 401)
        var again = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await again.logIn("zhao.min", Self.password).status == 401, "a disabled user cannot log in")
    }

    @Test("a supervisor reads a record but may not resolve its conflict (403 read_only_role, nothing written); a dispatcher's resolution is kept in the history under their name",
          arguments: StoreKind.allCases)
    func rolesOnWrites(store: StoreKind) async throws {
        let fixture = try await RecordHistoryTests.conflictedFixture(store: store)
        for (name, role) in [("wang.li", "dispatcher"), ("zhao.min", "supervisor")] {
            try fixture.addOfficeUser(name, role: role)
        }
        let resolve = ["field": "phone", "keep": "t-tab-anna"]
        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", Self.password).status == 200)
        #expect(try await supervisor.send(.get, "/console/api/records/cus-20000001").status == 200)
        let before = try fixture.databaseDump()
        let refused = try await supervisor.send(.post, "/console/api/records/cus-20000001/resolve", json: resolve)
        #expect(refused.status == 403 && refused.text?.contains("read_only_role") == true, "\(refused.text ?? "")")
        #expect(try fixture.databaseDump() == before)

        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("wang.li", Self.password).status == 200)
        let forged = try await dispatcher.send(.post, "/console/api/records/cus-20000001/resolve", json: resolve, csrf: false)
        #expect(forged.status == 403 && forged.text?.contains("csrf_rejected") == true)
        let resolved = try await dispatcher.send(.post, "/console/api/records/cus-20000001/resolve", json: resolve)
        #expect(resolved.status == 200 && resolved.text?.contains("\"in_conflict\":true") == false, "\(resolved.text ?? "")")
        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", "cus-20000001"])).stdout
        #expect(history.contains("\tphone\t0921 555 0200\toffice (wang.li)"), "\(history)")
        let bad = try await dispatcher.send(.post, "/console/api/records/cus-20000001/resolve", json: ["field": "phone"])
        #expect(bad.status == 400)
    }

    @Test("devices and users are an admin's: a dispatcher is refused 403 admin_only; an admin lists tablets with when each was last seen and its last refused push, and users, and a revoke stops the tablet's token at once",
          arguments: StoreKind.allCases)
    func adminPages(store: StoreKind) async throws {
        let fixture = try Self.fixture(store)
        try fixture.addOfficeUser("root.admin", role: "admin")
        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("wang.li", Self.password).status == 200)
        for (method, path) in [(HTTPMethod.get, "/console/api/admin/devices"), (.get, "/console/api/admin/users"), (.post, "/console/api/admin/devices/tab-anna/revoke")] {
            let refused = try await dispatcher.send(method, path)
            #expect(refused.status == 403 && refused.text?.contains("admin_only") == true, "\(path): \(refused.status)")
        }
        #expect(try await rawRequest(.get, fixture.server.baseURL + "/v1/device", token: fixture.annaToken).status == 200)

        var admin = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await admin.logIn("root.admin", Self.password).status == 200)
        let devices = try await admin.send(.get, "/console/api/admin/devices")
        #expect(devices.status == 200 && devices.text?.contains("\"name\":\"tab-anna\"") == true && devices.text?.contains("\"last_refusal\"") == true)
        let listed = try JSONSerialization.jsonObject(with: Data((devices.text ?? "").utf8)) as? [[String: Any]] ?? []
        let lastSeen = listed.first { $0["name"] as? String == "tab-anna" }?["last_seen_ms"] as? NSNumber
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(lastSeen.map { (now - 60_000...now).contains($0.int64Value) } == true, "Anna's tablet was seen just now: \(devices.text ?? "")")
        let users = try await admin.send(.get, "/console/api/admin/users")
        #expect(users.text?.contains("\"name\":\"wang.li\",\"role\":\"dispatcher\"") == true, "\(users.text ?? "")")
        #expect(users.text?.contains("scrypt") == false, "no password hash leaves the server")
        let revoked = try await admin.send(.post, "/console/api/admin/devices/tab-anna/revoke")
        #expect(revoked.status == 200 && revoked.text?.contains("\"revoked_at_ms\"") == true)
        #expect(try await rawRequest(.get, fixture.server.baseURL + "/v1/device", token: fixture.annaToken).status == 401)
        #expect(try await admin.send(.post, "/console/api/admin/devices/tab-nobody/revoke").status == 404)
    }
}
