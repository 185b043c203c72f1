/// The version of the sync server, shown by `audit-server --version`.
public let auditServerVersion = "0.1.0"
