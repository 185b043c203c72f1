import Foundation
import Messaging
import Testing

@Suite("Kannel's delivery reports")
struct DeliveryReportTests {
    @Test("Kannel's report types map to queued, delivered and failed", arguments: [
        (1, DeliveryStatus.delivered), (2, .failed), (4, .queued), (8, .queued), (16, .failed),
    ])
    func types(type: Int, status: DeliveryStatus) throws {
        let report = try DeliveryReport(kannelQuery: "key=wo-1042%3Aassigned%3A3&type=\(type)&reply=ACK%2F&at=1796287925")
        #expect(report.key == "wo-1042:assigned:3")
        #expect(report.type.rawValue == type)
        #expect(report.status == status)
        #expect(report.reply == "ACK/")
        #expect(report.time == Date(timeIntervalSince1970: 1_796_287_925))
    }

    @Test("a reply Kannel wrote with + for spaces reads with spaces; an empty reply and no time are fine")
    func formEncoding() throws {
        let report = try DeliveryReport(kannelQuery: "key=k1&type=16&reply=NACK%2F0x0000000b%2FInvalid+Destination+Address&at=")
        #expect(report.reply == "NACK/0x0000000b/Invalid Destination Address")
        #expect(report.status == .failed)
        #expect(report.time == nil)
        #expect(try DeliveryReport(kannelQuery: "type=1&key=k2").reply == "")
    }

    @Test("a report without key or type, or with a type Kannel does not send, is refused with a clear reason")
    func refused() {
        #expect(throws: DeliveryReportError.missing("key")) { try DeliveryReport(kannelQuery: "type=1") }
        #expect(throws: DeliveryReportError.missing("type")) { try DeliveryReport(kannelQuery: "key=k&type=") }
        #expect(throws: DeliveryReportError.unknownType("3")) { try DeliveryReport(kannelQuery: "key=k&type=3") }
        #expect(throws: DeliveryReportError.unknownType("%d")) { try DeliveryReport(kannelQuery: "key=k&type=%25d") }
        #expect(DeliveryReportError.unknownType("3").description.contains("1 delivered, 2 undelivered, 4 buffered, 8 SMSC accepted, 16 SMSC rejected"))
    }

    @Test("the callback URL carries the key percent-encoded (escapes starting with a digit) and Kannel's escapes")
    func callbackURL() throws {
        let base = try #require(URL(string: "http://127.0.0.1:8080/sms/kannel/report"))
        #expect(DeliveryReport.callbackURL(base: base, key: "wo-1042:assigned 3")
            == "http://127.0.0.1:8080/sms/kannel/report?key=wo-1042%3Aassigned%203&type=%d&reply=%A&at=%T")
        let withQuery = try #require(URL(string: "http://h/r?node=2"))
        #expect(DeliveryReport.callbackURL(base: withQuery, key: "k").hasPrefix("http://h/r?node=2&key=k&type=%d"))
    }

    @Test("a key with a Chinese name travels as the hex of its UTF-8 (no % for Kannel to take for an escape) and comes back the same")
    func chineseKey() throws {
        let base = try #require(URL(string: "http://127.0.0.1:8080/sms/kannel/report"))
        let key = "order:wo-1:王小明:17"
        let url = DeliveryReport.callbackURL(base: base, key: key)
        #expect(url == "http://127.0.0.1:8080/sms/kannel/report?key-hex=6F726465723A776F2D313AE78E8BE5B08FE6988E3A3137&type=%d&reply=%A&at=%T")
        let report = try DeliveryReport(kannelQuery: String(url.split(separator: "?")[1]).replacingOccurrences(of: "%d", with: "1"))
        #expect(report.key == key && report.status == .delivered)
        #expect(throws: DeliveryReportError.missing("key")) { try DeliveryReport(kannelQuery: "key-hex=E7&type=1") }
        #expect(throws: DeliveryReportError.missing("key")) { try DeliveryReport(kannelQuery: "key-hex=XY&type=1") }
    }

    @Test("parameters already decoded by a web framework make the same report")
    func parameters() throws {
        let report = try DeliveryReport(parameters: ["key": "wo-1:new", "type": "8", "reply": "ACK/"])
        #expect(report.key == "wo-1:new")
        #expect(report.status == .queued)
    }

    @Test("dlr-mask 31 asks for every report kind")
    func mask() {
        #expect(KannelDeliveryType.allMask == 31)
    }
}
