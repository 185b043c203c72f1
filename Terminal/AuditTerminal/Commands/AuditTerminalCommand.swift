import ArgumentParser

/// `audit-terminal`: the root command of the tablet program.
public struct AuditTerminalCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "audit-terminal",
        abstract: "The FieldAudit tablet program: audit customers and devices offline, sync when a network is there.",
        discussion: """
            Every edit is stored on the tablet the moment it is made and reaches the server exactly \
            once when a network appears. Edits made on other tablets or in the MIS merge with yours; \
            when two people changed the same field, both values are kept for a dispatcher to choose.
            """,
        version: auditTerminalVersion,
        subcommands: [EnrollCommand.self, SyncCommand.self, OrdersCommand.self, ShowCommand.self, EditCommand.self,
                      VisitCommand.self, ConflictsCommand.self, StatusCommand.self, ImportPacketCommand.self, ExportOutboxCommand.self, GPSCommand.self]
    )

    @OptionGroup var home: HomeOptions

    public init() {}
}
