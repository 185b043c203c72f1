import ArgumentParser
import AuditTerminal

/// The executable is only this: every command lives, testable, in the AuditTerminal library.
@main
extension AuditTerminalCommand {}
