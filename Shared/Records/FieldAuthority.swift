/// Whose value a conflicted field shows first while a person has not yet resolved it.
///
/// The rule follows who can know the fact: an auditor standing at the meter knows its serial and
/// seal; the MIS knows the tariff and the contracted capacity. After authority, the later hybrid
/// logical clock reading wins, then the greater replica id, so every replica shows the same value.
/// Every other entry stays visible as a conflict until it is resolved.
public enum FieldAuthority: Sendable, Equatable {
    /// Physical facts observed on site: a field device's entry is shown first.
    case onSite
    /// Account facts: the MIS's entry is shown first.
    case systemOfRecord
    /// No writer is preferred: the latest entry is shown.
    case latestWriter

    /// How strongly this authority prefers an entry written by `replica` (higher is preferred).
    func rank(of replica: ReplicaID) -> Int {
        switch self {
        case .onSite: return replica.role == .fieldDevice ? 1 : 0
        case .systemOfRecord: return replica.role == .systemOfRecord ? 1 : 0
        case .latestWriter: return 0
        }
    }
}
