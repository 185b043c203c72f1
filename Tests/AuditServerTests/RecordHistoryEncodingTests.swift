@testable import AuditServer
import Foundation
import Shared
import Testing

/// The history row's entries are written by hand (``RecordHistory/encode(_:)``); the bytes must be
/// those `JSONEncoder` gave, so that rows written before and after read the same and compare equal.
@Suite("history entries written by hand, as JSONEncoder wrote them")
struct RecordHistoryEncodingTests {
    @Test("quotes, backslashes, slashes, control characters, Chinese, emoji and large numbers encode byte for byte as WireCoding does")
    func sameBytes() throws {
        let values = ["", "plain", #"say "hi""#, #"back\slash"#, "a/b</script>", "line\nbreak\ttab\r\u{8}\u{C}", "\u{1}\u{1F}\u{7F}",
                      "客户 张三", "🙂 e\u{301}", String(repeating: "长", count: 300)]
        var entries: [RecordHistory.Entry] = []
        for (index, value) in values.enumerated() {
            entries.append(RecordHistory.Entry(field: index.isMultiple(of: 2) ? "name" : "notes/\"x\"", value: value,
                                               replica: "server-\(index)", counter: index == 3 ? UInt64.max : UInt64(index),
                                               stampMs: index == 4 ? 0 : 1_764_000_000_000 + UInt64(index)))
        }
        for count in [1, 2, entries.count] {
            let slice = Array(entries.prefix(count))
            #expect(RecordHistory.encode(slice) == (try WireCoding.encode(slice)))
            #expect(try JSONDecoder().decode([RecordHistory.Entry].self, from: RecordHistory.encode(slice)) == slice)
        }
    }
}
