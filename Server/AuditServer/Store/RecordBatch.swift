import Shared

/// One save of a record: its new state, and the stored one it replaces (`nil` for a new record).
struct RecordWrite: Sendable {
    var state: RecordState
    var previous: RecordState?
}

/// Saves many records in the caller's transaction as a handful of statements, not a dozen round
/// trips per record: their counties looked up at once (``BatchPlacements``), then per table one
/// multi-row statement (``MultiRowInsert``) for the directory, the change log, the records, their
/// history and the scope tables.
///
/// The outcome is the one saving them one by one, in order, would have: every save gets its own
/// change-log entry and history row, in the order given; a record saved twice keeps the last
/// state. What must see the rows of earlier saves is done in that order too: before a record
/// moves to another county (or a customer is placed whose devices must follow it) and around a
/// work order (whose scope update reads the store and moves records up the change log), the saves
/// gathered so far are written first.
///
/// The change log's order guarantee is the one of single saves: write transactions are serialised
/// on both stores (``ServerStore``), and a multi-row insert hands out its sequence numbers in the
/// order of its rows, inside that transaction.
struct RecordBatch {
    /// Who caused the saves (a replica or a job), the push batch, and the office user, as in the
    /// change log and the history.
    let origin: String
    let batchID: String?
    let author: String?
    let cache: RecordStateCache?
    let db: any StoreConnection
    private var placements = BatchPlacements()
    private var pending: [(write: RecordWrite, county: String, placedNow: Bool)] = []

    /// Saves `writes`, in order (see ``RecordTable/save(_:previous:origin:batchID:author:cache:in:)``).
    /// `placed` names keys whose counties the caller has just looked up in this transaction
    /// (``RecordTable/loadPlaced(_:in:)``; a key without a county is not stored), which are not
    /// looked up again.
    static func save(_ writes: [RecordWrite], origin: String, batchID: String?, author: String? = nil,
                     cache: RecordStateCache? = nil, placed: (keys: [RecordKey], counties: [RecordKey: String])? = nil,
                     in db: any StoreConnection) throws {
        guard !writes.isEmpty else { return }
        var batch = RecordBatch(origin: origin, batchID: batchID, author: author, cache: cache, db: db)
        if let placed { batch.placements.know(placed.keys, counties: placed.counties) }
        try batch.placements.preload(writes.map(\.state), in: db)
        for write in writes { try batch.add(write) }
        try batch.flush()
    }

    private init(origin: String, batchID: String?, author: String?, cache: RecordStateCache?, db: any StoreConnection) {
        self.origin = origin
        self.batchID = batchID
        self.author = author
        self.cache = cache
        self.db = db
    }

    private mutating func add(_ write: RecordWrite) throws {
        let state = write.state
        let county = try placements.county(of: state, in: db)
        let placed = try placements.placed(state.key, in: db)
        if state.kind == .workOrder { try flush() }
        if placed != county { try move(state, from: placed, to: county) }
        placements.note(state, in: county)
        pending.append((write, county, placed == nil))
        if state.kind == .workOrder { try flush() }
    }

    /// Moves a stored record (a customer with its visits and hazards) to `county`, and a customer's devices
    /// with it, after writing what was gathered: these read and change stored rows.
    private mutating func move(_ state: RecordState, from placed: String?, to county: String) throws {
        let devicesFollow = state.kind == .customer && (placed != nil || placements.mayHaveDevices(state.id))
        guard placed != nil || devicesFollow else { return }
        try flush()
        if let placed {
            try RecordPlacement.move(state.key, from: placed, to: county, in: db)
            try WorkOrderCounties.follow(moved: state.key, in: db)
            if state.kind == .customer {
                try RecordPlacement.moveVisits(ofCustomer: state.id, from: placed, to: county, in: db)
                try RecordPlacement.moveHazards(ofCustomer: state.id, to: county, in: db)
            }
        }
        if devicesFollow {
            try RecordPlacement.moveDevices(ofCustomer: state.id, to: county, in: db)
        }
        placements.forgetCounties()
    }

    /// Writes the saves gathered so far.
    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let saves = pending
        pending = []
        let placedNow = saves.filter(\.placedNow)
        for county in Set(placedNow.map(\.county)).sorted() { try db.preparePartitions(forCounty: county) }
        try RecordPlacement.placeAll(placedNow.map { ($0.write.state.key, $0.county) }, in: db)
        let seqs = try RecordTable.appendChanges(saves.map { ($0.write.state.key, $0.county) }, origin: origin, batchID: batchID, in: db)
        try RecordTable.storeStates(zip(saves, seqs).map { ($0.write.state, $0.county, $1) }, in: db)
        if let cache {
            for (save, seq) in zip(saves, seqs) { cache.stored(save.write.state, seq: seq, in: db) }
        }
        try RecordHistory.append(zip(saves, seqs).map { ($0.write, $1) }, author: author, in: db)
        try ConflictLog.append(zip(saves, seqs).map { ($0.write, $0.county, $1) }, in: db)
        try ScopeTables.update(after: saves.map(\.write), in: db)
    }
}
