@testable import AuditServer
import Foundation
import Messaging
import Shared
import StoreTestSupport
import Synchronization
import Testing

/// The sender over the outbox with a gateway that answers as told: a taken message is queued, a
/// gateway that cannot take it now keeps it pending with a growing pause, a refusal fails it with
/// the reason, quiet hours hold it back, and nothing is sent before its time or twice.
@Suite("the reminder sender")
struct ReminderSenderTests {
    /// A gateway that answers each send of `key` (of every message when `nil`) with the next of
    /// `answers`, takes the rest, and keeps what it was given.
    final class ScriptedGateway: SMSGateway {
        let answers: Mutex<[SMSSendResult]>
        let key: String?
        let sent = Mutex<[OutgoingSMS]>([])
        init(_ answers: [SMSSendResult], for key: String? = nil) {
            self.answers = Mutex(answers)
            self.key = key
        }
        func send(_ message: OutgoingSMS) async -> SMSSendResult {
            sent.withLock { $0.append(message) }
            guard key == nil || message.key == key else { return .accepted(reply: "ok") }
            return answers.withLock { $0.isEmpty ? .accepted(reply: "ok") : $0.removeFirst() }
        }
    }

    @Test("queued when taken; pending with a growing pause while the gateway is down; failed when refused; held in quiet hours", arguments: StoreKind.allCases)
    func rounds(kind: StoreKind) async throws {
        let fixture = try WorkOrderReminderTests.fixture(kind)
        let office = DispatchService(database: fixture.store)
        let order = try office.createWorkOrder(assignee: "anna", customers: ["30000000"], area: "北片", due: nil, priority: 1)
        let created = try #require(try WorkOrderReminderTests.outbox(fixture).first { $0.recipient == "anna" })
        let gateway = ScriptedGateway([.retryLater(reason: "bearerbox down"), .retryLater(reason: "bearerbox down"), .accepted(reply: "0: Accepted")], for: created.key)
        let sender = ReminderSender(database: fixture.store, gateway: gateway, timeZone: TimeZone(identifier: "UTC")!)

        let noon = created.sendAfter  // urgent: at once
        var round = try await sender.sendDue(now: noon, limit: 1)
        #expect(round.retrying == 1)
        var anna = try #require(try ReminderList(database: fixture.store).list(keys: [created.key]).first)
        #expect(anna.state == "pending" && anna.attempts == 1 && anna.sendAfter == noon + 30_000)
        round = try await sender.sendDue(now: noon + 10_000)
        #expect(round == ReminderSender.Round(accepted: 1), "the supervisor's goes; Anna's waits its pause: \(round)")
        round = try await sender.sendDue(now: noon + 30_000)
        anna = try #require(try ReminderList(database: fixture.store).list(keys: [created.key]).first)
        #expect(round.retrying == 1 && anna.attempts == 2 && anna.sendAfter == noon + 90_000, "the pause doubles")
        round = try await sender.sendDue(now: noon + 90_000)
        anna = try #require(try ReminderList(database: fixture.store).list(keys: [created.key]).first)
        #expect(round.accepted == 1 && anna.state == "queued")
        #expect(gateway.sent.withLock { $0.filter { $0.key == created.key }.count } == 3 && gateway.sent.withLock { $0.last?.text } == created.text)
        #expect(try await sender.sendDue(now: noon + 200_000) == ReminderSender.Round(), "nothing twice")

        try ContactBook(database: fixture.store).save(Contact(name: "ben", phone: "+4915112345678", language: .english, quietFrom: 21 * 60, quietTo: 7 * 60))
        _ = try office.reassign(workOrder: order.id.rawValue, to: "ben")
        let due = try #require(try WorkOrderReminderTests.outbox(fixture).first { $0.recipient == "ben" }).sendAfter
        // The first 22:00 UTC after it is due (run after 22:00, that is tomorrow's).
        let night = ((due + 2 * 3_600_000) / 86_400_000 + 1) * 86_400_000 - 2 * 3_600_000
        round = try await sender.sendDue(now: night)
        let bens = try #require(try WorkOrderReminderTests.outbox(fixture).first { $0.recipient == "ben" })
        #expect(round.quiet == 1 && bens.state == "pending" && bens.sendAfter == night + 9 * 3_600_000, "held to 07:00: \(bens)")

        let refusing = ReminderSender(database: fixture.store, gateway: ScriptedGateway([.refused(reason: "403 Authorization failed")]),
                                      timeZone: TimeZone(identifier: "UTC")!)
        round = try await refusing.sendDue(now: bens.sendAfter)
        let failed = try #require(try WorkOrderReminderTests.outbox(fixture).first { $0.recipient == "ben" })
        #expect(round.refused == 1 && failed.state == "failed")
    }
}
