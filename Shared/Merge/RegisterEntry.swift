/// One value a field holds: written by the write `dot` at hybrid-clock time `stamp`.
public struct RegisterEntry: Hashable, Sendable {
    /// The write that put the value there.
    public var dot: Dot
    /// When the write happened, by the writer's hybrid logical clock.
    public var stamp: HLCTimestamp
    /// The value written.
    public var value: FieldValue

    /// Creates an entry.
    public init(dot: Dot, stamp: HLCTimestamp, value: FieldValue) {
        self.dot = dot
        self.stamp = stamp
        self.value = value
    }
}
