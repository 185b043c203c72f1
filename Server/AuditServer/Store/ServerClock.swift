import Shared

/// The server replica's hybrid logical clock, kept in the database so that every process writing
/// as `server` (the running server, dispatcher commands) gives out increasing readings.
enum ServerClock {
    /// A new reading, later than every earlier server reading and than `after`.
    static func next(after seen: HLCTimestamp = .zero, in db: any StoreConnection) throws -> HLCTimestamp {
        let stored = try db.value(String.self, "SELECT value FROM meta WHERE key = 'hlc'")
        var clock = HybridLogicalClock(last: stored.flatMap(HLCTimestamp.init(parsing:)) ?? .zero)
        clock.receive(seen)
        let stamp = clock.now()
        try db.execute("INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [stamp.description])
        return stamp
    }
}
