import Foundation
import TestSupport
import Testing
import Transport

@Suite("Requests and responses")
struct RequestResponseTests {
    @Test("GET sends the caller's headers and returns status, headers and body")
    func getWithHeaders() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPResponse(headers: [("X-Server-Version", "7"), ("Content-Type", "text/plain")], body: Data("3 work orders".utf8))
        }
        defer { server.stop() }

        var request = HTTPRequest(url: server.url("/work-orders?since=41"))
        request.headers["Authorization"] = "Bearer device-token-1"
        request.headers["Accept"] = "text/plain"
        let response = try await TestClients.make().send(request)

        #expect(response.status == 200)
        #expect(response.reason == "OK")
        #expect(response.text == "3 work orders")
        #expect(response.headers["x-server-version"] == "7", "header lookup is case-insensitive")
        let seen = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(seen.method == "GET")
        #expect(seen.path == "/work-orders")
        #expect(seen.query == "since=41")
        #expect(seen.header("authorization") == "Bearer device-token-1")
        #expect(seen.header("Accept") == "text/plain")
        #expect(seen.header("User-Agent") == "FieldAudit/1")
        #expect(seen.body.isEmpty)
    }

    struct Batch: Codable, Equatable {
        var batchID: String
        var customers: [String]
    }

    struct Acknowledgement: Codable, Equatable {
        var batchID: String
        var accepted: Int
    }

    @Test("POST of a JSON body arrives byte for byte, and the JSON answer decodes")
    func postJSON() async throws {
        let server = try TestHTTPServer { request in
            guard let batch = try? JSONDecoder().decode(Batch.self, from: request.body) else {
                return .json(#"{"error":"bad batch"}"#, status: 400)
            }
            return (try? .json(encoding: Acknowledgement(batchID: batch.batchID, accepted: batch.customers.count))) ?? .text("", status: 500)
        }
        defer { server.stop() }

        let batch = Batch(batchID: "b-0007", customers: ["Jürgen Müller – Hauptstraße 5", "Zoë Ø'Brien", "李 明"])
        let request = try HTTPRequest(method: .post, url: server.url("/sync/push"), json: batch)
        let acknowledgement = try await TestClients.make().send(request).checkSuccess().decode(Acknowledgement.self)

        #expect(acknowledgement == Acknowledgement(batchID: "b-0007", accepted: 3))
        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.header("Content-Type") == "application/json")
        #expect(seen.header("Content-Length") == "\(request.body!.count)")
        #expect(seen.header("Expect") == nil, "no 100-continue round trip")
        #expect(seen.body == request.body)
        #expect(try JSONDecoder().decode(Batch.self, from: seen.body) == batch)
    }

    @Test("PUT and DELETE go out with their own method, and a body only when there is one")
    func putAndDelete() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 204) }
        defer { server.stop() }
        let client = TestClients.make()

        let put = try await client.send(HTTPRequest(method: .put, url: server.url("/devices/7"), body: Data("seal=A-1".utf8)))
        let delete = try await client.send(HTTPRequest(method: .delete, url: server.url("/devices/7")))

        #expect(put.status == 204)
        #expect(delete.status == 204)
        let seen = server.requests
        #expect(seen.map(\.method) == ["PUT", "DELETE"])
        #expect(seen[0].bodyText == "seal=A-1")
        #expect(seen[0].header("Content-Type") == nil, "libcurl must not invent a form content type")
        #expect(seen[1].body.isEmpty)
    }

    @Test("a gzip-compressed answer is decoded transparently")
    func gzipResponse() async throws {
        let records = (0..<500).map { #"{"account":"\#(100_000 + $0)","tariff":"A1","feeder":"F-12"}"# }
        let json = "[" + records.joined(separator: ",") + "]"
        let compressed = TestHTTPResponse.json(json).gzipped()
        #expect(compressed.body.count < json.utf8.count / 4, "the test server really sends compressed bytes")
        let server = try TestHTTPServer { _ in compressed }
        defer { server.stop() }

        let response = try await TestClients.make().send(HTTPRequest(url: server.url("/customers")))

        #expect(response.status == 200)
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.text == json)
        let acceptEncoding = try #require(server.requests.first?.header("Accept-Encoding"))
        #expect(acceptEncoding.contains("gzip"))
    }

    @Test("a configured proxy receives the request for the origin server")
    func explicitProxy() async throws {
        let proxy = try TestHTTPServer { request in .text("via proxy for \(request.target)") }
        defer { proxy.stop() }
        let client = TestClients.make { $0.proxy = proxy.baseURL.absoluteString }

        let response = try await client.send(HTTPRequest(url: URL(string: "http://mis.example.invalid/customers?page=2")!))

        #expect(response.text == "via proxy for http://mis.example.invalid/customers?page=2")
        #expect(proxy.requests.first?.header("Host") == "mis.example.invalid")
    }
}
