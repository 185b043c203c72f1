import ArgumentParser
import AuditServer

/// The executable is only this: every command lives, testable, in the AuditServer library.
@main
extension AuditServerCommand {}
