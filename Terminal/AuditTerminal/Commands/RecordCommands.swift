import ArgumentParser
import Foundation
import Positioning
import Shared
import TextUI

/// `audit-terminal orders`: today's work.
struct OrdersCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(commandName: "orders", abstract: "List the work orders on this tablet and their customers.")
    @ParentCommand var root: AuditTerminalCommand
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let orders = try WorkList.load(from: home.store())
        if json { try printJSON(orders); return }
        if orders.isEmpty { print(language.localized("terminal.orders.none")) }
        for order in orders {
            print(language.localized("terminal.orders.order", [
                "id": order.id, "area": order.area, "due": order.due ?? "-",
                "status": WorkOrderStatus.label(order.status, in: language), "count": order.customers.count]))
            for customer in order.customers {
                print("  \(customer.symbol) \(customer.id)  \(customer.account)  \(customer.name)  \(customer.address ?? "")")
            }
        }
    }
}

/// `audit-terminal show ID`.
struct ShowCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record: every field, both values of any field in conflict, and the office's data-quality findings (⚑) beside their fields.",
        discussion: "ID is a record id (cus-…, dev-…, wo-…, vis-…) or a customer's account number.")
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The record's id or a customer's account number.") var id: String
    @Flag(help: "Print JSON: {id, kind, fields: {NAME: {value, conflict: [{value, replica}]}}, version}.") var json = false

    func run() async throws {
        let store = try home.store()
        guard let state = try store.find(id) else { throw TerminalError(language.localized("terminal.no_record", ["id": id])) }
        let view = RecordView(state)
        if json { try printJSON(view) } else { print(view.text(in: language, width: DisplayWidth.of, findings: try store.findings(about: [state.id]))) }
    }
}

/// `audit-terminal edit ID FIELD=VALUE …`.
struct EditCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Correct fields of a record; the edit is stored at once and sent on the next sync.",
        discussion: """
            Every value is checked by the field's rule first; if one is refused, nothing is written.

            Example: audit-terminal edit cus-10002000 phone="+49 921 555 0110" location=49.951,11.572
            """)
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The record's id or a customer's account number.") var id: String
    @Argument(help: "FIELD=VALUE pairs; an empty VALUE clears an optional field.") var assignments: [String]

    func run() async throws {
        let store = try home.store()
        guard let current = try store.find(id) else { throw TerminalError(language.localized("terminal.no_record", ["id": id])) }
        var assignments: [(field: String, text: String)] = []
        for assignment in self.assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw ValidationError("\(assignment): write FIELD=VALUE, for example phone=0921-555-0110")
            }
            assignments.append((String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...])))
        }
        let values: [(field: String, value: FieldValue)]
        do { values = try TerminalStore.parse(assignments, for: current) } catch {
            throw TerminalError(language.localized("terminal.edit.refused", ["error": error.description]))
        }
        let updated = try store.correct(current.key, with: values)
        for (field, _) in values { print("\(field) = \(updated.value(of: field)?.description ?? "")") }
        print(language.localized("terminal.edit.saved", ["count": try store.outboxCount()]))
    }
}

/// `audit-terminal visit ID --outcome …`.
struct VisitCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Record a visit at a customer: the outcome, a note, and where the tablet was.",
        discussion: """
            The visit keeps where the tablet was and where that position came from: the receiver's fix             (--gps, or the root --gps) with its quality, satellites, HDOP and the raw sentence or gpsd             report; or a position typed with --at, which needs --reason and is never proof of presence;             or none. Each visit is signed with the tablet's key and chained to the one before it.

            Examples:
              audit-terminal --gps gpsd:// visit cus-10002000 --outcome verified
              audit-terminal visit cus-10002000 --outcome corrected --note "seal replaced" --at 49.9510,11.5720 --reason "no signal in the basement"
              audit-terminal visit cus-10002000 --outcome verified --hazard "broken_seal:high:terminal cover seal cut"
            """)
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The customer's id or account number.") var id: String
    @Option(help: "verified, corrected, not-found or no-access.") var outcome: String
    @Option(help: "A note for the office.") var note: String?
    @Option(help: "Hazards found on site, as free text.") var hazards: String?
    @Option(name: .customLong("hazard"), help: ArgumentHelp(
        "A hazard found on site, its own record tracked to closure (repeat for several). TYPE is one of \(HazardType.allCases.map(\.rawValue).joined(separator: ", ")); SEVERITY one of low, medium, high, critical.",
        valueName: "TYPE:SEVERITY:DESCRIPTION"))
    var hazardFindings: [TerminalStore.HazardFinding] = []
    @Option(help: ArgumentHelp("Where the tablet is, typed, when the receiver gives no fix (needs --reason; never proof).", valueName: "LAT,LON")) var at: String?
    @Option(help: ArgumentHelp("Why the position was typed with --at, for the office.", valueName: "text")) var reason: String?
    @Option(name: .long, help: ArgumentHelp(
        "Take the position from this source: gpsd://HOST:PORT, nmea:PATH or gpx:PATH (the first fix, within 15 s).",
        valueName: "source"))
    var gps: String?

    func run() async throws {
        guard let outcome = VisitOutcome(rawValue: outcome) else {
            throw ValidationError("--outcome must be one of: " + VisitOutcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if reason != nil && at == nil {
            throw ValidationError("--reason explains a position typed with --at; a position from the receiver needs none")
        }
        var fix: VisitFix?
        if let at {
            guard case .location(let point) = try RecordKind.auditVisit.schema.field(named: "fix").spec.parse(at) else {
                throw ValidationError("--at must be LAT,LON")
            }
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--at types the position by hand, which is never proof of presence: say why with --reason, for example --reason \"no signal in the basement\"")
            }
            fix = try VisitFix.typed(point, reason: reason)
        } else if let gps = gps ?? root.position.source {
            let spec = try PositionSourceSpec.argument(gps)
            fix = try await VisitFix.first(from: spec.makeSource(defaultSpeed: nil))
            if fix == nil { FileHandle.standardError.write(Data((language.localized("terminal.visit.no_fix", ["source": gps]) + "\n").utf8)) }
        }
        let store = try home.store()
        let visit = try store.recordVisit(customer: id, outcome: outcome, note: note, hazards: hazards, fix: fix)
        print(language.localized("terminal.visit.recorded", ["id": visit.id, "outcome": outcome.label(in: language)])
              + (visit.distanceMeters.map { language.localized("terminal.visit.distance", ["meters": $0]) } ?? "")
              + (visit.presenceProblem.map { language.localized("terminal.visit.flagged", ["problem": $0.text(in: language)]) } ?? ""))
        for hazard in try store.recordHazards(hazardFindings, on: visit) {
            print(language.localized("terminal.hazard.recorded", ["id": hazard.id.rawValue, "type": hazard.type.label(in: language),
                                                                   "severity": hazard.severity.label(in: language)]))
        }
    }
}

/// `audit-terminal conflicts`.
struct ConflictsCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(commandName: "conflicts", abstract: "List records on this tablet with a field in conflict.")
    @ParentCommand var root: AuditTerminalCommand
    @Flag(help: "Print JSON (an array in the shape of show --json).") var json = false

    func run() async throws {
        let store = try home.store()
        let views = try RecordKind.allCases.flatMap { try store.records($0) }.filter(\.hasConflicts).map(RecordView.init)
        if json { try printJSON(views); return }
        if views.isEmpty { print(language.localized("terminal.conflicts.none")) }
        for view in views {
            view.conflictLines(in: language).forEach { print($0) }
        }
    }
}
