import Shared

/// A subcommand of ``AuditTerminalCommand``: it reads the root's `--home` and `--lang`.
protocol AuditTerminalSubcommand {
    /// The root command, with the options given before the subcommand.
    var root: AuditTerminalCommand { get }
}

extension AuditTerminalSubcommand {
    /// The tablet's data folder (`--home`).
    var home: HomeOptions { root.home }
    /// The language people read the output in (`--lang`, else the locale).
    var language: Language { root.messages.language }
}
