/// Produces a replay's events in batches, read lazily so a long log is never held whole.
protocol EventBatches {
    /// The next batch, or `nil` at the end.
    mutating func next() throws -> [PositionEvent]?
}
