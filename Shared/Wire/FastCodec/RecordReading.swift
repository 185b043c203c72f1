/// Reading record states with ``WireByteReader``: the one place the wire rules of a record state
/// are checked (known kind and fields, a valid id, replica ids and counters of the vector, every
/// entry covered by the vector, no dot twice, one entry per replica in a field, values that pass
/// their field's ``FieldSpec/validate(_:)``), each refusal naming its place.
enum RecordReading {
    // MARK: Paths and errors

    /// Where a record sits in its document, turned into text only for an error message.
    struct Prefix {
        var base: String
        var index: Int?

        static let root = Prefix(base: "", index: nil)

        var text: String {
            guard let index else { return base }
            return base + "[\(index)]"
        }

        /// The path of `key` inside the record, written like ``WireError/path``.
        func path(_ key: String) -> String {
            let text = self.text
            if key.isEmpty { return text }
            if text.isEmpty || key.hasPrefix("[") { return text + key }
            return text + "." + key
        }
    }

    /// The error `JSONDecoder` gives when a value has the wrong type, or is `null` where a value is needed.
    static func mismatch(_ found: WireByteReader.ValueKind, expected: String, path: String) -> WireError {
        WireError(path: path, problem: found == .null ? "expected \(expected), found null" : "expected \(expected)")
    }

    static func missing(_ path: String) -> WireError {
        WireError(path: path, problem: "is missing")
    }

    // MARK: Locating members

    /// Where the members of one record object start (-1 when absent); the first occurrence wins.
    struct Located {
        var fields = -1
        var id = -1
        var kind = -1
        var vector = -1
    }

    /// Consumes a record object at the reader's position, checking its structure, and notes where
    /// its members are. `depth` is the number of containers around the object.
    static func locate(_ reader: inout WireByteReader, depth: Int) throws(WireError) -> Located {
        var located = Located()
        if try reader.beginObject() { return located }
        while true {
            let key = try reader.readKey()
            _ = try reader.peekNonWhitespace()
            let start = reader.position
            if key.equals("fields") {
                if located.fields < 0 { located.fields = start }
            } else if key.equals("id") {
                if located.id < 0 { located.id = start }
            } else if key.equals("kind") {
                if located.kind < 0 { located.kind = start }
            } else if key.equals("vector") {
                if located.vector < 0 { located.vector = start }
            }
            try reader.skipValue(depth: depth + 1)
            if try reader.endOfMember() { return located }
        }
    }

    /// One element of an array of records: located when it is an object.
    struct LocatedElement {
        var located: Located?
        var kind: WireByteReader.ValueKind
    }

    /// Consumes an array of records, checking its structure and locating the members of each object.
    static func locateArray(_ reader: inout WireByteReader, depth: Int) throws(WireError) -> [LocatedElement] {
        guard depth < WireByteReader.maximumDepth else { throw WireByteReader.invalid }
        var elements: [LocatedElement] = []
        if try reader.beginArray() { return elements }
        while true {
            let kind = try reader.peekKind()
            if kind == .object {
                guard depth + 1 < WireByteReader.maximumDepth else { throw WireByteReader.invalid }
                elements.append(LocatedElement(located: try locate(&reader, depth: depth + 1), kind: kind))
            } else {
                try reader.skipValue(depth: depth + 1)
                elements.append(LocatedElement(located: nil, kind: kind))
            }
            if try reader.endOfElement() { return elements }
        }
    }

    /// Reads the located records of an array; `depth` counts the containers around each record's members.
    static func decodeRecords(_ reader: inout WireByteReader, _ elements: [LocatedElement], depth: Int, prefix: String) throws(WireError) -> [RecordState] {
        var states: [RecordState] = []
        states.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let place = Prefix(base: prefix, index: index)
            guard let located = element.located else {
                throw mismatch(element.kind, expected: "Dictionary<String, Any>", path: place.text)
            }
            states.append(try decodeRecord(&reader, located, depth: depth + 1, prefix: place))
        }
        return states
    }

    // MARK: One record

    /// One component of the vector as read.
    struct Slot {
        var replica: ReplicaID
        var counter: UInt64
    }

    /// Reads a located record: kind, id, vector, then fields.
    /// `depth` is the number of containers around the record's members.
    static func decodeRecord(_ reader: inout WireByteReader, _ located: Located, depth: Int, prefix: Prefix) throws(WireError) -> RecordState {
        guard located.kind >= 0 else { throw missing(prefix.path("kind")) }
        reader.position = located.kind
        let table = try readKind(&reader, prefix: prefix)

        guard located.id >= 0 else { throw missing(prefix.path("id")) }
        reader.position = located.id
        let idKind = try reader.peekKind()
        guard idKind == .string else { throw mismatch(idKind, expected: "a string", path: prefix.path("id")) }
        let id = try reader.readString()
        guard RecordIdentifier.isValid(id) else {
            throw WireError(path: prefix.path("id"),
                            problem: "id must be 1 to 64 characters from letters, digits, '.', '_', '-' and ':'")
        }

        guard located.vector >= 0 else { throw missing(prefix.path("vector")) }
        reader.position = located.vector
        let slots = try readVector(&reader, depth: depth, prefix: prefix)
        var state = RecordState(kind: table.kind, id: id)
        if !slots.isEmpty {
            var counters: [ReplicaID: UInt64] = [:]
            counters.reserveCapacity(slots.count)
            for slot in slots { counters[slot.replica] = slot.counter }
            state.vector = VersionVector(counters)
        }

        guard located.fields >= 0 else { throw missing(prefix.path("fields")) }
        reader.position = located.fields
        var fields = FieldsReader(table: table, slots: slots, vector: state.vector, prefix: prefix, depth: depth)
        try fields.read(&reader, into: &state.registers)
        return state
    }

    private static func readKind(_ reader: inout WireByteReader, prefix: Prefix) throws(WireError) -> KindTable {
        let found = try reader.peekKind()
        guard found == .string else { throw mismatch(found, expected: "a string", path: prefix.path("kind")) }
        let name = try reader.readStringRef()
        guard let table = KindTable.named(name) else {
            throw WireError(path: prefix.path("kind"),
                            problem: "Cannot initialize RecordKind from invalid String value \(name.text)")
        }
        return table
    }

    /// Reads the vector: replica ids (checked), counters (at least 1). A repeated replica counts once,
    /// with the value of its first occurrence, and the values of later occurrences are never read.
    /// The result is sorted by replica id.
    private static func readVector(_ reader: inout WireByteReader, depth: Int, prefix: Prefix) throws(WireError) -> [Slot] {
        let found = try reader.peekKind()
        guard found == .object else {
            throw mismatch(found, expected: "Dictionary<String, Any>", path: prefix.path("vector"))
        }
        if try reader.beginObject() { return [] }
        // First the keys, with where each value starts; values are read once duplicates are gone.
        var keys: [(replica: String, order: Int, start: Int)] = []
        while true {
            let key = try reader.readKey()
            let replica = key.text
            do { _ = try ReplicaID(validating: replica) } catch {
                throw WireError(path: prefix.path("vector." + replica), problem: "vector: \(error.description)")
            }
            _ = try reader.peekNonWhitespace()
            keys.append((replica, keys.count, reader.position))
            try reader.skipValue(depth: depth + 1)
            if try reader.endOfMember() { break }
        }
        if keys.count > 1 {
            // Replica ids are ASCII, so String order is byte order, the order VersionVector keeps.
            var sorted = true
            for index in 1..<keys.count where !(keys[index - 1].replica < keys[index].replica) {
                sorted = false
                break
            }
            if !sorted {
                keys.sort { ($0.replica, $0.order) < ($1.replica, $1.order) }
                var unique: [(replica: String, order: Int, start: Int)] = []
                unique.reserveCapacity(keys.count)
                for key in keys where unique.last?.replica != key.replica { unique.append(key) }
                keys = unique
            }
        }
        var slots: [Slot] = []
        slots.reserveCapacity(keys.count)
        for key in keys {
            reader.position = key.start
            let kind = try reader.peekKind()
            guard kind == .number else {
                throw mismatch(kind, expected: "a whole number", path: prefix.path("vector." + key.replica))
            }
            let counter = try reader.readInteger(UInt64.self)
            guard counter > 0 else {
                throw WireError(path: prefix.path("vector." + key.replica), problem: "vector: counters start at 1, got 0")
            }
            slots.append(Slot(replica: ReplicaID(unchecked: key.replica), counter: counter))
        }
        return slots
    }
}

/// Reads the `fields` object of one record against its kind and vector.
private struct FieldsReader {
    let table: KindTable
    let slots: [RecordReading.Slot]
    let vector: VersionVector
    let prefix: RecordReading.Prefix
    /// Containers around the record's members.
    let depth: Int

    /// Dots seen so far in this record, as (slot, counter): a list while short, then a set.
    private var dots: [DotKey] = []
    private var dotSet: Set<DotKey>?

    private struct DotKey: Hashable {
        var slot: Int
        var counter: UInt64
    }

    init(table: KindTable, slots: [RecordReading.Slot], vector: VersionVector, prefix: RecordReading.Prefix, depth: Int) {
        self.table = table
        self.slots = slots
        self.vector = vector
        self.prefix = prefix
        self.depth = depth
    }

    private func fieldPath(_ index: Int) -> String {
        prefix.path("fields." + table.schema.fields[index].name)
    }

    private func entryPath(_ field: Int, _ position: Int, _ member: String = "") -> String {
        fieldPath(field) + "[\(position)]" + member
    }

    mutating func read(_ reader: inout WireByteReader, into registers: inout [Register]) throws(WireError) {
        let found = try reader.peekKind()
        guard found == .object else {
            throw RecordReading.mismatch(found, expected: "Dictionary<String, Any>", path: prefix.path("fields"))
        }
        if try reader.beginObject() { return }
        var seen: UInt64 = 0
        while true {
            let key = try reader.readKey()
            guard let index = table.index(of: key) else {
                let name = key.text
                throw WireError(path: prefix.path("fields." + name), problem: "'\(name)' is not a field of \(table.kind.rawValue)")
            }
            let bit: UInt64 = 1 << UInt64(index)
            if seen & bit != 0 {
                // A repeated key: JSONDecoder keeps the first occurrence and never reads this one.
                try reader.skipValue(depth: depth + 1)
            } else {
                seen |= bit
                registers[index] = try readEntries(&reader, field: index)
            }
            if try reader.endOfMember() { return }
        }
    }

    private mutating func readEntries(_ reader: inout WireByteReader, field: Int) throws(WireError) -> Register {
        let found = try reader.peekKind()
        guard found == .array else {
            throw RecordReading.mismatch(found, expected: "Array<Any>", path: fieldPath(field))
        }
        var entries: [RegisterEntry] = []
        var entrySlots = EntrySlots()
        if try !reader.beginArray() {
            var position = 0
            while true {
                entries.append(try readEntry(&reader, field: field, position: position, entrySlots: &entrySlots))
                position += 1
                if try reader.endOfElement() { break }
            }
        }
        guard !entries.isEmpty else {
            let name = table.schema.fields[field].name
            throw WireError(path: fieldPath(field), problem: "field '\(name)' has no entries; leave out fields never written")
        }
        if entries.count > 1 {
            // Sorted by dot; one entry per replica, and slots are in replica order.
            let slots = entrySlots.list
            let order = slots.indices.sorted { slots[$0] < slots[$1] }
            entries = order.map { entries[$0] }
        }
        return Register(sortedEntries: entries)
    }

    /// The vector slots of one field's entries so far: the first inline, then a list, then a set
    /// once the list is long.
    private struct EntrySlots {
        var first = -1
        var more: [Int] = []
        var set: Set<Int>?

        /// Adds `slot` (never negative); `false` if the field already has an entry from that replica.
        mutating func insert(_ slot: Int) -> Bool {
            if first < 0 {
                first = slot
                return true
            }
            if slot == first { return false }
            if set == nil {
                if more.contains(slot) { return false }
                more.append(slot)
                if more.count > 16 { set = Set(more + [first]) }
                return true
            }
            guard set!.insert(slot).inserted else { return false }
            more.append(slot)
            return true
        }

        var list: [Int] { first < 0 ? [] : [first] + more }
    }

    private mutating func readEntry(_ reader: inout WireByteReader, field: Int, position: Int, entrySlots: inout EntrySlots) throws(WireError) -> RegisterEntry {
        let found = try reader.peekKind()
        guard found == .object else {
            throw RecordReading.mismatch(found, expected: "Dictionary<String, Any>", path: entryPath(field, position))
        }
        var slot = -1
        var replica: ReplicaID?
        var counter: UInt64?
        var stamp: HLCTimestamp?
        var value: FieldValue?
        // Members are read in document order, but a member's error is kept until the members before it
        // in the order of the checks (replica, counter, value, hlc) have been checked.
        var seen: UInt8 = 0
        var replicaError, counterError, valueError, stampError: WireError?
        if try !reader.beginObject() {
            while true {
                let key = try reader.readKey()
                let member: UInt8 = key.equals("counter") ? 1 : key.equals("hlc") ? 2 : key.equals("replica") ? 4 : key.equals("value") ? 8 : 0
                if member != 0, seen & member == 0 {
                    seen |= member
                    _ = try reader.peekNonWhitespace()
                    let start = reader.position
                    do throws(WireError) {
                        switch member {
                        case 1:
                            let kind = try reader.peekKind()
                            guard kind == .number else {
                                throw RecordReading.mismatch(kind, expected: "a whole number", path: entryPath(field, position, ".counter"))
                            }
                            counter = try reader.readInteger(UInt64.self)
                        case 2: stamp = try readStamp(&reader, path: Member(field: field, position: position, name: ".hlc"))
                        case 4: (slot, replica) = try readReplica(&reader, path: Member(field: field, position: position, name: ".replica"))
                        default: value = try readValue(&reader, field: field, path: Member(field: field, position: position, name: ".value"))
                        }
                    } catch {
                        switch member {
                        case 1: counterError = error
                        case 2: stampError = error
                        case 4: replicaError = error
                        default: valueError = error
                        }
                        reader.position = start
                        try reader.skipValue(depth: depth + 4)
                    }
                } else {
                    try reader.skipValue(depth: depth + 4)
                }
                if try reader.endOfMember() { break }
            }
        }
        if let replicaError { throw replicaError }
        guard let replica else { throw RecordReading.missing(entryPath(field, position, ".replica")) }
        if let counterError { throw counterError }
        guard let counter else { throw RecordReading.missing(entryPath(field, position, ".counter")) }
        let dot = Dot(replica: replica, counter: counter)
        let problem: String? =
            counter == 0 ? "counters start at 1"
            : !(slot >= 0 && slots[slot].counter >= counter) ? "write \(dot) is not covered by the vector \(vector)"
            : !insertDot(DotKey(slot: slot, counter: counter)) ? "write \(dot) appears twice"
            : !entrySlots.insert(slot) ? "two entries from \(dot.replica) in one field"
            : nil
        if let problem { throw WireError(path: entryPath(field, position, ".counter"), problem: problem) }
        if let valueError { throw valueError }
        guard let value else { throw RecordReading.missing(entryPath(field, position, ".value")) }
        let spec = table.schema.fields[field]
        do { try spec.validate(value) } catch {
            throw WireError(path: entryPath(field, position, ".value"), problem: error.description)
        }
        if let stampError { throw stampError }
        guard let stamp else { throw RecordReading.missing(entryPath(field, position, ".hlc")) }
        return RegisterEntry(dot: dot, stamp: stamp, value: value)
    }

    /// A member of an entry, named for an error message.
    private struct Member {
        let field: Int
        let position: Int
        let name: String
    }

    private func path(_ member: Member) -> String {
        entryPath(member.field, member.position, member.name)
    }

    /// Records a dot; `false` if it was already there.
    private mutating func insertDot(_ dot: DotKey) -> Bool {
        if dotSet == nil {
            if dots.isEmpty { dots.reserveCapacity(16) }
            if dots.contains(dot) { return false }
            dots.append(dot)
            if dots.count > 32 { dotSet = Set(dots) }
            return true
        }
        return dotSet!.insert(dot).inserted
    }

    /// Reads a replica id; finds it among the vector's components (slot -1 when absent).
    private func readReplica(_ reader: inout WireByteReader, path member: Member) throws(WireError) -> (Int, ReplicaID) {
        let found = try reader.peekKind()
        guard found == .string else { throw RecordReading.mismatch(found, expected: "a string", path: path(member)) }
        let text = try reader.readStringRef()
        if case .raw(let raw) = text, let slot = findSlot(raw) { return (slot, slots[slot].replica) }
        let string = text.text
        let replica: ReplicaID
        do { replica = try ReplicaID(validating: string) } catch {
            throw WireError(path: path(member), problem: error.description)
        }
        for index in slots.indices where slots[index].replica == replica { return (index, slots[index].replica) }
        return (-1, replica)
    }

    /// The slot whose replica id is exactly `raw`.
    private func findSlot(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        if slots.count <= 8 {
            for index in slots.indices where Self.compare(slots[index].replica, raw) == 0 { return index }
            return nil
        }
        var low = 0, high = slots.count
        while low < high {
            let middle = (low + high) / 2
            let order = Self.compare(slots[middle].replica, raw)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Byte-wise comparison of a replica id with raw bytes: negative, zero or positive.
    @inline(__always)
    private static func compare(_ replica: ReplicaID, _ raw: UnsafeBufferPointer<UInt8>) -> Int {
        var text = replica.rawValue
        return text.withUTF8 { utf8 in
            let common = min(utf8.count, raw.count)
            for index in 0..<common where utf8[index] != raw[index] {
                return utf8[index] < raw[index] ? -1 : 1
            }
            return utf8.count - raw.count
        }
    }

    private func readStamp(_ reader: inout WireByteReader, path member: Member) throws(WireError) -> HLCTimestamp {
        let found = try reader.peekKind()
        guard found == .object else {
            throw RecordReading.mismatch(found, expected: "Dictionary<String, Any>", path: path(member))
        }
        // Where `ms` and `n` are (first occurrences), then read in that order, as the synthesized init does.
        var millisecondsAt = -1
        var logicalAt = -1
        if try !reader.beginObject() {
            while true {
                let key = try reader.readKey()
                _ = try reader.peekNonWhitespace()
                if millisecondsAt < 0, key.equals("ms") {
                    millisecondsAt = reader.position
                } else if logicalAt < 0, key.equals("n") {
                    logicalAt = reader.position
                }
                try reader.skipValue(depth: depth + 5)
                if try reader.endOfMember() { break }
            }
        }
        let end = reader.position
        guard millisecondsAt >= 0 else { throw RecordReading.missing(path(member) + ".ms") }
        reader.position = millisecondsAt
        var kind = try reader.peekKind()
        guard kind == .number else { throw RecordReading.mismatch(kind, expected: "a whole number", path: path(member) + ".ms") }
        let milliseconds = try reader.readInteger(UInt64.self)
        guard logicalAt >= 0 else { throw RecordReading.missing(path(member) + ".n") }
        reader.position = logicalAt
        kind = try reader.peekKind()
        guard kind == .number else { throw RecordReading.mismatch(kind, expected: "a whole number", path: path(member) + ".n") }
        let logical = try reader.readInteger(UInt32.self)
        reader.position = end
        return HLCTimestamp(milliseconds: milliseconds, logical: logical)
    }

    private func readValue(_ reader: inout WireByteReader, field: Int, path member: Member) throws(WireError) -> FieldValue {
        if try reader.readNullIfPresent() { return .null }
        let found = try reader.peekKind()
        switch table.valueTypes[field] {
        case .text:
            guard found == .string else { throw RecordReading.mismatch(found, expected: "a string", path: path(member)) }
            return .text(try reader.readString())
        case .integer:
            guard found == .number else { throw RecordReading.mismatch(found, expected: "a whole number", path: path(member)) }
            return .integer(try reader.readInteger(Int64.self))
        case .decimal:
            guard found == .number else { throw RecordReading.mismatch(found, expected: "a number", path: path(member)) }
            return .decimal(try reader.readDouble())
        case .flag:
            guard found == .boolean else { throw RecordReading.mismatch(found, expected: "true or false", path: path(member)) }
            return .flag(try reader.readBool())
        case .location:
            guard found == .object else {
                throw RecordReading.mismatch(found, expected: "Dictionary<String, Any>", path: path(member))
            }
            return .location(try readLocation(&reader, path: member))
        case .list:
            guard found == .array else { throw RecordReading.mismatch(found, expected: "Array<Any>", path: path(member)) }
            var items: [String] = []
            if try !reader.beginArray() {
                while true {
                    let kind = try reader.peekKind()
                    guard kind == .string else {
                        throw RecordReading.mismatch(kind, expected: "a string", path: path(member) + "[\(items.count)]")
                    }
                    items.append(try reader.readString())
                    if try reader.endOfElement() { break }
                }
            }
            return .list(items)
        }
    }

    private func readLocation(_ reader: inout WireByteReader, path member: Member) throws(WireError) -> GeoPoint {
        // Where `lat` and `lon` are (first occurrences), then read in that order, as the synthesized init does.
        var latitudeAt = -1
        var longitudeAt = -1
        if try !reader.beginObject() {
            while true {
                let key = try reader.readKey()
                _ = try reader.peekNonWhitespace()
                if latitudeAt < 0, key.equals("lat") {
                    latitudeAt = reader.position
                } else if longitudeAt < 0, key.equals("lon") {
                    longitudeAt = reader.position
                }
                try reader.skipValue(depth: depth + 5)
                if try reader.endOfMember() { break }
            }
        }
        let end = reader.position
        guard latitudeAt >= 0 else { throw RecordReading.missing(path(member) + ".lat") }
        reader.position = latitudeAt
        var kind = try reader.peekKind()
        guard kind == .number else { throw RecordReading.mismatch(kind, expected: "a number", path: path(member) + ".lat") }
        let latitude = try reader.readDouble()
        guard longitudeAt >= 0 else { throw RecordReading.missing(path(member) + ".lon") }
        reader.position = longitudeAt
        kind = try reader.peekKind()
        guard kind == .number else { throw RecordReading.mismatch(kind, expected: "a number", path: path(member) + ".lon") }
        let longitude = try reader.readDouble()
        reader.position = end
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}
