import Foundation
import TestSupport

extension ServerFixture {
    /// Adds the office user `name` with `role`, the password typed on standard input
    /// (``OfficeAccountTests/password`` unless given).
    func addOfficeUser(_ name: String, role: String, password: String = OfficeAccountTests.password) throws {
        try ServerFixture.expectSuccess(dispatch(["user", "add", name, "--role", role], input: Data((password + "\n").utf8)))
    }

    /// Moves the six customers onto the streets of the real extract north of Bayreuth, 0.001°
    /// apart (accounts 20000001 to 20000006, named 客户 1 to 客户 6), and imports its road map
    /// when `roads`.
    func placeCustomersOnStreets(roads: Bool = true) throws {
        if roads { try ServerFixture.expectSuccess(dispatch(["map", "import", MapCommandTests.pbf])) }
        let sites = directory.file("sites.csv")
        try (["account,name,lat,lon"] + (1...6).map { "2000000\($0),客户 \($0),49.99\($0),11.57\($0)" }).joined(separator: "\n")
            .write(toFile: sites, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(dispatch(["import", "customers", sites]))
    }
}
