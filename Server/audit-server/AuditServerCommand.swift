import ArgumentParser
import AuditServer

@main
struct AuditServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-server",
        abstract: "The FieldAudit sync server: merges what terminals push, pushes work packets, runs dispatcher commands and the MIS job.",
        version: auditServerVersion
    )
}
