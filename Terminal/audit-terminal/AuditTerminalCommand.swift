import ArgumentParser
import AuditTerminal

@main
struct AuditTerminalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-terminal",
        abstract: "The FieldAudit tablet program: audit customers and devices offline, sync when a network is there.",
        version: auditTerminalVersion
    )
}
