import ArgumentParser

/// `audit-server`: the root command. Each job is a subcommand with its own `--help`.
public struct AuditServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "audit-server",
        abstract: "The FieldAudit sync server: merges what terminals push, pushes work packets, runs dispatcher commands and the MIS job.",
        discussion: """
            Every record is kept with its full version history, so edits made on tablets offline \
            merge without overwriting each other; concurrent edits of one field are kept as \
            conflicts for a dispatcher to resolve.
            """,
        version: auditServerVersion,
        subcommands: [ServeCommand.self, DeviceCommand.self, ImportCommand.self, WorkOrderCommand.self, ConflictsCommand.self,
                      ProgressCommand.self, PresenceCommand.self, PacketCommand.self, InspectCommand.self, MISCommand.self, MapCommand.self, RouteCommand.self,
                      BackupCommand.self, RestoreCommand.self, StoreCommand.self, UserCommand.self,
                      ShowCommand.self, HistoryCommand.self, AuditorCommand.self, RemindersCommand.self, QualityCommand.self, BulletinCommand.self,
                      HazardCommand.self]
    )

    public init() {}
}
