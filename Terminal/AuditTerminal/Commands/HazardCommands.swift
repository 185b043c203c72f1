import ArgumentParser
import Foundation
import Shared

extension TerminalStore.HazardFinding: ExpressibleByArgument {
    /// `TYPE:SEVERITY:DESCRIPTION`, for example `broken_seal:high:seal cut on the terminal cover`.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let type = HazardType(rawValue: parts[0]), let severity = HazardSeverity(rawValue: parts[1]),
              !parts[2].trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        self.init(type: type, severity: severity, description: parts[2])
    }
}

extension ReinspectionResult: ExpressibleByArgument {}

/// `audit-terminal hazards [CUSTOMER]`: the open hazards on this tablet, before knocking.
struct HazardsCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "hazards",
        abstract: "List the open hazards at a customer (or at every customer on this tablet), the most severe first.",
        discussion: """
            Hazards come with the work: the server sends the hazards of every customer on the \
            tablet's work orders. Record new ones with `visit --hazard`, and a re-inspection's \
            result with `reinspect`.

            Examples:
              audit-terminal hazards cus-10002000
              audit-terminal hazards --json
            """)
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The customer's id or account number; every customer when left out.") var customer: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let store = try home.store()
        var hazards: [Hazard]
        if let customer {
            guard let state = try store.find(customer), state.kind == .customer else {
                throw TerminalError(language.localized("terminal.no_record", ["id": customer]))
            }
            hazards = try store.openHazards(atCustomer: state.id)
        } else {
            let customers = Set(try store.records(.hazard).map { Hazard($0).customer.rawValue })
            hazards = try customers.sorted().flatMap { try store.openHazards(atCustomer: $0) }
        }
        if json { try printJSON(hazards.map(HazardLine.init)); return }
        if hazards.isEmpty { print(language.localized("hazard.none")) }
        for hazard in hazards {
            let reinspect = hazard.state == .reinspectionScheduled ? "  → " + language.localized("hazard.action.reinspect") : ""
            print("\(hazard.id)  \(hazard.customer)  \(hazard.severity.label(in: language))  \(hazard.type.label(in: language))  "
                  + "\(hazard.state.label(in: language))\(reinspect)\n    \(hazard.description)")
        }
    }
}

/// `audit-terminal reinspect HAZ --result passed|failed`.
struct ReinspectCommand: AsyncParsableCommand, AuditTerminalSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "reinspect",
        abstract: "Record what the re-inspection of a hazard found: passed (rectified) or failed (still there, reopened).",
        discussion: """
            Only for a hazard whose re-inspection the office scheduled for this tablet's auditor.

            Examples:
              audit-terminal reinspect haz-1f0c… --result passed
              audit-terminal reinspect haz-1f0c… --result failed --note "cover still missing"
            """)
    @ParentCommand var root: AuditTerminalCommand
    @Argument(help: "The hazard's id.") var id: String
    @Option(help: "passed or failed.") var result: ReinspectionResult
    @Option(help: "What the auditor saw, for the office.") var note: String?

    func run() async throws {
        let hazard = try home.store().recordReinspection(of: id, result: result, notes: note)
        print(language.localized("terminal.hazard.reinspected", ["id": hazard.id.rawValue, "state": hazard.state.label(in: language)]))
    }
}

/// One open hazard as `hazards --json` prints it: codes, never words.
struct HazardLine: Encodable {
    var id: String, customer: String, type: String, severity: String, state: String, description: String
    var foundBy: String, foundAt: String, reinspectionBy: String?

    init(_ hazard: Hazard) {
        (id, customer, type, severity) = (hazard.id.rawValue, hazard.customer.rawValue, hazard.type.rawValue, hazard.severity.rawValue)
        (state, description, foundBy, foundAt) = (hazard.state.rawValue, hazard.description, hazard.foundBy, hazard.foundAt)
        reinspectionBy = hazard.reinspectionBy
    }
}
