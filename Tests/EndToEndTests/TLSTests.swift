import Foundation
import Shared
import TestSupport
import Testing

/// A private CA and a server certificate for 127.0.0.1 and localhost signed by it, made with the
/// `openssl` command line tool.
struct TestCertificates {
    let directory: TemporaryDirectory
    var caCertificate: String { directory.file("ca.pem") }
    var serverCertificate: String { directory.file("server.pem") }
    var serverKey: String { directory.file("server.key") }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    init() throws {
        guard Self.isAvailable else {
            throw FixtureError("/usr/bin/openssl is missing: install it (scripts/ensure-deps does); the TLS tests need it to make certificates")
        }
        directory = try TemporaryDirectory("tls")
        let caKey = directory.file("ca.key"), request = directory.file("server.csr"), extensions = directory.file("server.ext")
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", caKey, "-out", caCertificate, "-days", "2", "-subj", "/CN=FieldAudit Test CA"])
        try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", serverKey, "-out", request, "-subj", "/CN=127.0.0.1"])
        try Self.openssl(["x509", "-req", "-in", request, "-CA", caCertificate, "-CAkey", caKey, "-CAcreateserial",
                          "-out", serverCertificate, "-days", "2", "-extfile", extensions])
    }

    static func openssl(_ arguments: [String]) throws {
        let result = try run("/usr/bin/openssl", arguments)
        guard result.status == 0 else { throw FixtureError("openssl \(arguments.first ?? "") failed: \(result.stderr)") }
    }
}

/// Enrolment and sync over https with a server certificate from a private CA, and the rules that
/// keep a token from crossing the network in clear or lying readable on the tablet.
@Suite("TLS and token safety", .serialized)
struct TLSTests {
    @Test("serve --tls-cert/--tls-key serves https; enroll --ca-file trusts the private CA and sync works")
    func enrollAndSyncOverTLS() async throws {
        let certificates = try TestCertificates()
        defer { certificates.directory.remove() }
        let fixture = try ServerFixture(serverArguments: ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey])
        #expect(fixture.server.baseURL.hasPrefix("https://"), "the server announces https")
        let tablet = TerminalHome(in: fixture.directory, name: "anna")

        let enrolled = try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken,
                                        "--ca-file", certificates.caCertificate])
        #expect(enrolled.stdout.contains("enrolled as tab-anna"))
        // The CA is kept in the home: removing the original does not break later syncs.
        certificates.directory.remove()
        try tablet.must(["sync"])
        let customer = try tablet.show("cus-20000001")
        #expect((customer["fields"] as? [String: Any])?["name"] != nil, "the work order's customers arrived over https")

        try tablet.must(["edit", "cus-20000002", "phone=+49 921 555 0000"])
        try tablet.must(["sync"])
        #expect(try tablet.outbox() == 0, "the edit was pushed over https")
    }

    @Test("without the CA file enrolment fails with a certificate error and stores nothing")
    func untrustedCertificate() throws {
        let certificates = try TestCertificates()
        defer { certificates.directory.remove() }
        let fixture = try ServerFixture(serverArguments: ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey])
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        let result = try tablet.run(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        #expect(result.status != 0)
        #expect(result.stderr.lowercased().contains("certificate"), "\(result.stderr)")
        let status = try tablet.must(["status"]).stdout
        #expect(status.contains("not enrolled"))
    }

    @Test("plain http to another machine is refused without --insecure; loopback http is allowed")
    func plainHTTPRefused() throws {
        let directory = try TemporaryDirectory("insecure")
        defer { directory.remove() }
        let tablet = TerminalHome(in: directory, name: "anna")
        let refused = try tablet.run(["enroll", "--server", "http://10.0.0.5:8080", "--token", "abc"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--insecure"), "\(refused.stderr)")
        #expect(refused.stderr.contains("unencrypted"))
        let caWithHTTP = try tablet.run(["enroll", "--server", "http://127.0.0.1:9", "--token", "abc", "--ca-file", "/etc/hostname"])
        #expect(caWithHTTP.status != 0)
        #expect(caWithHTTP.stderr.contains("--ca-file"))
    }

    @Test("the tablet's database, which holds the token, and its -wal/-shm files are mode 0600")
    func tokenFileIsPrivate() throws {
        let fixture = try ServerFixture()
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        // A permissive umask must not matter.
        let previous = umask(0o022)
        defer { umask(previous) }
        try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try tablet.must(["sync"])
        let database = (tablet.path as NSString).appendingPathComponent("fieldaudit-terminal.sqlite")
        var checked = 0
        for path in [database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: path) {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode & 0o777 == 0o600, "\(path) has mode \(String(mode, radix: 8))")
            checked += 1
        }
        #expect(checked >= 1)
    }
}
