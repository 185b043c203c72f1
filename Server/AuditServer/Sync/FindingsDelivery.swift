import Shared

/// Whether a pull's last page carries the open findings (``QualityNotes``), and which.
///
/// Findings change only when `quality run` runs (``QualityGeneration``), so a tablet that names the
/// current generation and gets nothing new already holds every one of them: its page leaves them
/// out and the lookup (one per record in the auditor's scope) is not run at all. That is most pulls:
/// idle ones and long-polls that wake with nothing. A page that brings records or `left_scope`
/// carries them whatever the tablet names, since the scope, and with it the findings due, may
/// have changed.
struct FindingsDelivery: Sendable {
    /// The generation the tablet named; `nil` for tablets that predate generations, which get the
    /// findings on every last page as before.
    let known: String?

    /// The findings and their generation for a last page, or `nil` when the tablet holds them.
    /// - Parameter bringsChanges: whether the page carries records or `left_scope`.
    func findings(forAuditor auditor: String, bringsChanges: Bool, in db: any StoreConnection) throws
        -> (notes: [QualityNote], generation: String)? {
        // Read before the findings: a run that settles in between (or has settled and not yet
        // written its generation) leaves the tablet newer findings under the older generation,
        // which it is sent again at its next pull, never older findings under the newer one.
        let current = try QualityGeneration.current(in: db)
        guard bringsChanges || known != current else { return nil }
        return (try QualityNotes.open(forAuditor: auditor, in: db), current)
    }
}
