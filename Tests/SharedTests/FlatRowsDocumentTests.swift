import Foundation
@testable import Shared
import Testing

/// Export pages from other systems (the MIS): rows of plain values, read without Foundation's decoder.
@Suite("Flat rows documents")
struct FlatRowsDocumentTests {
    @Test("cells are read as written: strings, numbers, booleans, null as empty; nested items are marked bad")
    func cells() throws {
        let json = #"{"as_of":"T7","pages":3,"items":[{"account":"20000001","name":"客户 \"1\"","lat":49.951234,"kva":10,"active":true,"notes":null},"#
            + #"[1,2],{"account":"2","tags":{"a":[1]}},{}]}"#
        let document = try FlatRowsDocument.decode(Data(json.utf8))
        #expect(document.pages == 3)
        #expect(document.asOf == "T7")
        #expect(document.items.count == 4)
        #expect(document.items[0] == ["account": "20000001", "name": "客户 \"1\"", "lat": "49.951234", "kva": "10", "active": "true", "notes": ""])
        #expect(document.items[1] == nil)
        #expect(document.items[2] == nil)
        #expect(document.items[3] == [:])
    }

    @Test("bad documents are refused with the reason, and deep nesting never traps")
    func refusals() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        for (json, reason) in [(#"{"pages":1}"#, "items: is missing"), (#"{"items":{}}"#, "items: expected Array<Any>"),
                               (#"[]"#, "expected Dictionary<String, Any>"), (#"{"items":[],"pages":"x"}"#, "pages"),
                               (#"{"items":[\#(deep)]}"#, "not valid JSON"), (#"{"items":["#, "not valid JSON"),
                               (#"{"items":[{"a":1}],"#, "not valid JSON")] {
            do {
                _ = try FlatRowsDocument.decode(Data(json.utf8))
                Issue.record("accepted \(json.prefix(60))")
            } catch {
                #expect(error.description.contains(reason), "\(error) for \(json.prefix(60))")
            }
        }
    }
}
