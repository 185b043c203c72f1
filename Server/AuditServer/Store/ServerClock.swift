import Shared

/// The server replica's hybrid logical clock, kept in the database so that every process writing
/// as `server` (the running server, dispatcher commands) gives out increasing readings.
///
/// A batch of writes reads the clock once (``load(in:)``), takes its readings from it, and stores
/// the last (``store(_:in:)``): the same readings as a round trip each, in two statements.
enum ServerClock {
    /// A new reading, later than every earlier server reading and than `after`.
    static func next(after seen: HLCTimestamp = .zero, in db: any StoreConnection) throws -> HLCTimestamp {
        var clock = try load(in: db)
        clock.receive(seen)
        let stamp = clock.now()
        try store(clock, in: db)
        return stamp
    }

    /// The clock as stored, to take readings from inside this transaction.
    static func load(in db: any StoreConnection) throws -> HybridLogicalClock {
        let stored = try db.value(String.self, "SELECT value FROM meta WHERE key = 'hlc'")
        return HybridLogicalClock(last: stored.flatMap(HLCTimestamp.init(parsing:)) ?? .zero)
    }

    /// Stores `clock`'s last reading, so that later readings (of any process) come after it.
    static func store(_ clock: HybridLogicalClock, in db: any StoreConnection) throws {
        try db.execute("INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [clock.last.description])
    }
}
