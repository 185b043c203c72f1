/// Which `quality run` the open findings come from: every run writes its time under ``key`` in
/// `meta` (a run may change a finding's details without opening or closing one; the next run also
/// reads it, as the time from which the time-based rules' lines have moved), and nothing else
/// changes the findings. A tablet that names the current generation in its pull already holds
/// them, so an idle pull neither looks them up nor sends them again (``FindingsDelivery``).
enum QualityGeneration {
    /// The `meta` key a run writes.
    static let key = "quality_now"
    /// The generation of a store no run has written one into (new, or kept by an older version):
    /// a tablet that holds it holds whatever findings such a store has, until the next run.
    static let initial = "0"
    /// The longest generation a pull may name: any `Int64` fits, and nothing longer is read.
    static let maximumLength = 20

    /// The store's current generation.
    static func current(in db: any StoreConnection) throws -> String {
        try db.value(String.self, "SELECT value FROM meta WHERE key = ?", [key]) ?? initial
    }

    /// Whether `text` can be a generation: 1 to ``maximumLength`` ASCII digits.
    static func isWellFormed(_ text: String) -> Bool {
        (1...maximumLength).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
