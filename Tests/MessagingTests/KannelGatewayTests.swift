import Foundation
import Messaging
import Shared
import TestSupport
import Testing

/// KannelGateway against a real Kannel (bearerbox, smsbox, fakesmsc) started by scripts/sms-gateway;
/// what arrives is read from what fakesmsc printed, byte for byte.
@Suite("KannelGateway through a real Kannel")
struct KannelGatewayTests {
    static let recipient = try! PhoneNumber("+8613800138000")

    static func gateway(_ kannel: PrivateKannel, reportsTo reportURL: URL? = nil, password: String? = nil) -> KannelGateway {
        KannelGateway(configuration: KannelConfiguration(
            sendsmsURL: kannel.sendsmsURL, username: kannel.username, password: password ?? kannel.password,
            deliveryReportURL: reportURL, timeout: .seconds(15)))
    }

    /// The bytes Kannel must put on the air for `text` in UCS-2: UTF-16BE.
    static func utf16BigEndian(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    @Test("a Chinese text arrives as UCS-2, byte for byte")
    func chinese() async throws {
        try await PrivateKannel.with { kannel in
            let text = "新的紧急工单 1042：请今天到宾德拉赫核对电表，谢谢！"
            let result = await Self.gateway(kannel)
                .send(OutgoingSMS(key: "wo-1042:urgent:1", to: Self.recipient, text: text, language: .simplifiedChinese))
            #expect(result == .accepted(reply: "0: Accepted for delivery"))

            let message = try #require(await kannel.waitForMessages(count: 1).first)
            #expect(message.receiver == "+8613800138000")
            #expect(message.kind == .ucs2, "\(message.line)")
            #expect(message.data == Self.utf16BigEndian(text))
            #expect(message.utf16BigEndianText == text)
        }
    }

    @Test("an English text arrives as plain GSM text")
    func english() async throws {
        try await PrivateKannel.with { kannel in
            let text = "Work order 1042: 3 customers in Bindlach, due 2026-12-04. Zähler check (€5 fee)!"
            let to = try PhoneNumber("+49 921 555 0110")
            let result = await Self.gateway(kannel).send(OutgoingSMS(key: "wo-1042:new:1", to: to, text: text, language: .english))
            #expect(result.isAccepted, "\(result)")

            let message = try #require(await kannel.waitForMessages(count: 1).first)
            #expect(message.line == "10690000 +499215550110 text \(text)")
            #expect(message.kind == .text)
            #expect(message.data == Array(text.utf8))
        }
    }

    @Test("a long Chinese text goes out as concatenated parts of 67 UCS-2 characters that join to the text")
    func longChinese() async throws {
        try await PrivateKannel.with { kannel in
            let sentence = "本周未完成客户：宾德拉赫南区十二户，北区七户；逾期工单两张，请优先处理并在今晚同步。"
            let text = String(repeating: sentence, count: 4)
            let segments = SMSSegments(text: text)
            #expect(segments.coding == .ucs2)
            #expect(segments.count == 3)
            let result = await Self.gateway(kannel)
                .send(OutgoingSMS(key: "digest:anna:2026-12-03", to: Self.recipient, text: text, language: .simplifiedChinese))
            #expect(result.isAccepted, "\(result)")

            let parts = try await kannel.waitForMessages(count: segments.count)
            try await Task.sleep(for: .milliseconds(500))
            #expect(kannel.received().count == segments.count, "\(kannel.received().map(\.line))")
            let headers = parts.compactMap(\.concatenation)
            #expect(headers.count == parts.count, "every part has a concatenation header: \(parts.map(\.line))")
            #expect(Set(headers.map(\.reference)).count == 1, "one reference for all parts")
            #expect(headers.map(\.total) == Array(repeating: UInt8(segments.count), count: segments.count))
            #expect(headers.map(\.part) == (1...segments.count).map(UInt8.init))
            #expect(parts.allSatisfy { $0.kind == .udh && $0.receiver == "+8613800138000" })
            #expect(parts.dropLast().allSatisfy { $0.data.count == 134 }, "67 UCS-2 characters a part")
            #expect(parts.flatMap(\.data) == Self.utf16BigEndian(text), "the parts join to the text, byte for byte")
        }
    }

    @Test("a delivery report comes back to the dlr-url with the message's key: SMSC accepted (queued), then delivered")
    func deliveryReport() async throws {
        try await PrivateKannel.with { kannel in
            let listener = try TestHTTPServer { _ in .text("ok") }
            defer { listener.stop() }
            let reportURL = try #require(URL(string: "http://127.0.0.1:\(listener.port)/sms/kannel/report"))
            let key = "wo-1042:assigned:3"
            let result = await Self.gateway(kannel, reportsTo: reportURL)
                .send(OutgoingSMS(key: key, to: Self.recipient, text: "工单 1042 已分配给您", language: .simplifiedChinese))
            #expect(result.isAccepted, "\(result)")
            _ = try await kannel.waitForMessages(count: 1)

            let deadline = Date().addingTimeInterval(20)
            while listener.requests.count < 2 && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
            let requests = listener.requests
            #expect(requests.count == 2, "\(requests.map(\.target))")
            let reports = try requests.map { request in
                #expect(request.method == "GET")
                #expect(request.path == "/sms/kannel/report")
                return try DeliveryReport(kannelQuery: request.query ?? "")
            }
            #expect(reports.allSatisfy { $0.key == key })
            #expect(Set(reports.map(\.type)) == [.smscAccepted, .delivered])
            #expect(Set(reports.map(\.status)) == [.queued, .delivered])
            #expect(reports.allSatisfy { $0.time.map { abs($0.timeIntervalSinceNow) < 300 } ?? false }, "Kannel's %T is now")
        }
    }

    @Test("with bearerbox stopped the gateway answers retry later, never refused; once it is back the message goes out, once")
    func outage() async throws {
        try await PrivateKannel.with { kannel in
            let gateway = Self.gateway(kannel)
            let message = OutgoingSMS(key: "wo-7:urgent:1", to: Self.recipient, text: "紧急工单 7：变压器巡检", language: .simplifiedChinese)

            try await kannel.pause()
            let duringOutage = await gateway.send(message)
            guard case .retryLater(let reason) = duringOutage else {
                Issue.record("expected retry later while bearerbox is down, got \(duringOutage)")
                return
            }
            #expect(reason.contains("Kannel"), "\(reason)")
            #expect(!reason.contains(kannel.password), "the password stays out of reasons")
            #expect(kannel.received().isEmpty)

            try await kannel.resume()
            let afterOutage = await gateway.send(message)
            #expect(afterOutage.isAccepted, "\(afterOutage)")
            let received = try await kannel.waitForMessages(count: 1)
            try await Task.sleep(for: .seconds(1))
            #expect(kannel.received().count == 1, "sent once: \(kannel.received().map(\.line))")
            #expect(received.first?.utf16BigEndianText == message.text)
        }
    }

    @Test("a wrong password is refused (Kannel's 403), not retried")
    func wrongPassword() async throws {
        try await PrivateKannel.with { kannel in
            let result = await Self.gateway(kannel, password: "not-the-password")
                .send(OutgoingSMS(key: "k1", to: Self.recipient, text: "hello", language: .english))
            #expect(result == .refused(reason: "Kannel answered 403: Authorization failed for sendsms"))
        }
    }
}
