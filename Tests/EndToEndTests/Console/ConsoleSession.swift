import Foundation
import Transport

/// A browser's view of the console's API in tests: keeps the session cookie and the CSRF token.
struct ConsoleSession {
    let baseURL: String
    var cookie: String?
    var csrfToken: String?

    init(baseURL: String) { self.baseURL = baseURL }

    /// Sends a request the way the console's script does (JSON, cookie, CSRF token on writes unless `csrf` is false).
    func send(_ method: HTTPMethod, _ path: String, json: [String: String]? = nil, csrf: Bool = true,
              contentType: String = "application/json") async throws -> HTTPResponse {
        try await send(method, path, body: try json.map { try JSONSerialization.data(withJSONObject: $0) }, csrf: csrf, contentType: contentType)
    }

    /// Sends `body` as it is (any JSON, or bytes that are not JSON at all).
    func send(_ method: HTTPMethod, _ path: String, body: Data?, csrf: Bool = true,
              contentType: String = "application/json") async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": contentType]
        if let cookie { headers["Cookie"] = cookie }
        if csrf, method != .get, let csrfToken { headers["X-CSRF-Token"] = csrfToken }
        let client = HTTPClient(configuration: .init(retryPolicy: .none))
        return try await client.send(HTTPRequest(method: method, url: URL(string: baseURL + path)!, headers: headers, body: body))
    }

    /// Logs in; on success keeps the cookie and token.
    mutating func logIn(_ user: String, _ password: String) async throws -> HTTPResponse {
        let answer = try await send(.post, "/console/api/login", json: ["user": user, "password": password])
        if answer.status == 200 {
            let setCookie = answer.headers["Set-Cookie"] ?? ""
            cookie = setCookie.split(separator: ";").first.map(String.init)
            let body = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
            csrfToken = body?["csrf_token"] as? String
        }
        return answer
    }
}
