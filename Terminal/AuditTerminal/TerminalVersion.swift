/// The version of the tablet program, shown by `audit-terminal --version`.
public let auditTerminalVersion = "0.1.0"
