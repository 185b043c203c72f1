import Shared

extension DispatchService {
    /// What writing one record as the server did.
    enum SaveOutcome { case created, changed, unchanged }

    /// Writes `record` as the server in the caller's transaction: a batch of one (see below).
    static func save<Record: AuditRecord>(_ record: Record, only fields: Set<String>? = nil, author: String?,
                                          in db: any StoreConnection) throws -> SaveOutcome {
        try save([record], only: fields, author: author, in: db)[0]
    }

    /// Writes `records` as the server in the caller's transaction, in order, with what saving them
    /// one at a time would give: a new record gets every field, an existing one only those the
    /// caller covers (`fields`, all when `nil`), and a record given twice is written on its first
    /// write. Their stored states are read at once, the server's clock once for all (each write
    /// still gets a reading of its own), and the saves go out together (``RecordBatch``); new
    /// customers and devices are remembered as the MIS's view (``MISMirror/rememberImports(_:in:)``).
    static func save<Records: Collection>(_ records: Records, only fields: Set<String>? = nil, author: String?,
                                          in db: any StoreConnection) throws -> [SaveOutcome] where Records.Element: AuditRecord {
        typealias Record = Records.Element
        guard !records.isEmpty else { return [] }
        let keys = records.map { RecordKey(kind: Record.kind, id: $0.id.rawValue) }
        let loaded = try RecordTable.loadPlaced(keys, in: db)
        var states = loaded.states
        let server = try StoreEpoch.current(in: db).server
        var clock = try ServerClock.load(in: db)
        var writes: [RecordWrite] = []
        var imported: [(state: RecordState, values: [(field: String, value: FieldValue)])] = []
        let outcomes = try records.map { record -> SaveOutcome in
            let key = RecordKey(kind: Record.kind, id: record.id.rawValue)
            let previous = states[key]
            var state = previous ?? RecordState(kind: Record.kind, id: record.id.rawValue)
            clock.receive(state.newestStamp)
            let written = try record.write(into: &state, by: server, at: clock.now(), only: previous == nil ? nil : fields)
            guard !written.isEmpty else { return .unchanged }
            writes.append(RecordWrite(state: state, previous: previous))
            states[key] = state
            if previous == nil, Record.kind == .customer || Record.kind == .device {
                imported.append((state, record.fieldValues))
            }
            return previous == nil ? .created : .changed
        }
        try ServerClock.store(clock, in: db)
        try RecordBatch.save(writes, origin: "dispatch", batchID: nil, author: author, placed: (keys, loaded.counties), in: db)
        try MISMirror.rememberImports(imported, in: db)
        return outcomes
    }
}
