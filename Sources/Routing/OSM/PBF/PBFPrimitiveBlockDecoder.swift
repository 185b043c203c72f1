/// Decodes one OSM PBF `PrimitiveBlock` into an ``OSMExtract``: string table, granularity and
/// offsets first, then each `PrimitiveGroup` (plain nodes, DenseNodes, ways, relations).
struct PBFPrimitiveBlockDecoder {
    let reader: ProtobufReader
    private var strings: [Range<Int>] = []
    private var granularity: Int64 = 100
    private var latitudeOffset: Int64 = 0
    private var longitudeOffset: Int64 = 0

    init(reader: ProtobufReader) {
        self.reader = reader
    }

    /// Decodes the block, appending its nodes and ways.
    mutating func decode(into extract: inout OSMExtract) throws(OSMReadError) {
        var block = reader
        var groups: [Range<Int>] = []
        while let field = try block.nextField() {
            switch (field.number, field.wireType) {
            case (1, .lengthDelimited): try readStringTable(block.sub(try block.lengthDelimited()))
            case (2, .lengthDelimited): groups.append(try block.lengthDelimited())
            case (17, .varint): granularity = Int64(truncatingIfNeeded: try block.varint())
            case (19, .varint): latitudeOffset = Int64(bitPattern: try block.varint())
            case (20, .varint): longitudeOffset = Int64(bitPattern: try block.varint())
            default: try block.skip(field.wireType)
            }
        }
        guard granularity > 0 else { throw block.error("PrimitiveBlock granularity must be positive") }
        for group in groups { try decodeGroup(block.sub(group), into: &extract) }
    }

    private mutating func readStringTable(_ table: ProtobufReader) throws(OSMReadError) {
        var table = table
        while let field = try table.nextField() {
            if field.number == 1, field.wireType == .lengthDelimited {
                strings.append(try table.lengthDelimited())
            } else {
                try table.skip(field.wireType)
            }
        }
    }

    private func string(_ index: UInt64, _ at: ProtobufReader) throws(OSMReadError) -> String {
        guard index < UInt64(strings.count) else { throw at.error("string table index \(index) out of range (\(strings.count) strings)") }
        return reader.string(strings[Int(index)])
    }

    /// Nanodegrees → 10⁻⁷ degree, rounded to nearest.
    private func fixedPoint(_ raw: Int64, offset: Int64, limit: Int64, _ at: ProtobufReader) throws(OSMReadError) -> Int32 {
        let (scaled, overflow) = raw.multipliedReportingOverflow(by: granularity)
        guard !overflow else { throw at.error("coordinate overflows") }
        let nano = scaled &+ offset
        let e7 = nano >= 0 ? (nano + 50) / 100 : -((-nano + 50) / 100)
        guard abs(e7) <= limit * 10_000_000 else { throw at.error("coordinate \(Double(e7) / 1e7) outside ±\(limit)") }
        return Int32(e7)
    }

    private func decodeGroup(_ group: ProtobufReader, into extract: inout OSMExtract) throws(OSMReadError) {
        var group = group
        while let field = try group.nextField() {
            switch (field.number, field.wireType) {
            case (1, .lengthDelimited): try decodeNode(group.sub(try group.lengthDelimited()), into: &extract)
            case (2, .lengthDelimited): try decodeDense(group.sub(try group.lengthDelimited()), into: &extract)
            case (3, .lengthDelimited): try decodeWay(group.sub(try group.lengthDelimited()), into: &extract)
            case (4, .lengthDelimited): try decodeRelation(group.sub(try group.lengthDelimited()), into: &extract)
            default: try group.skip(field.wireType)
            }
        }
    }

    private func decodeNode(_ node: ProtobufReader, into extract: inout OSMExtract) throws(OSMReadError) {
        var node = node
        var id: Int64?, lat: Int64?, lon: Int64?
        var keys: [UInt64] = [], values: [UInt64] = []
        while let field = try node.nextField() {
            switch (field.number, field.wireType) {
            case (1, .varint): id = try node.signedVarint()
            case (2, _): try node.repeatedVarints(field.wireType) { keys.append($0) }
            case (3, _): try node.repeatedVarints(field.wireType) { values.append($0) }
            case (8, .varint): lat = try node.signedVarint()
            case (9, .varint): lon = try node.signedVarint()
            default: try node.skip(field.wireType)
            }
        }
        guard let id, let lat, let lon else { throw node.error("Node without id, lat or lon") }
        guard keys.count == values.count else { throw node.error("Node with \(keys.count) keys but \(values.count) values") }
        extract.addNode(id: id, latitudeE7: try fixedPoint(lat, offset: latitudeOffset, limit: 90, node),
                        longitudeE7: try fixedPoint(lon, offset: longitudeOffset, limit: 180, node))
        var tags: [String: String] = [:]
        for (key, value) in zip(keys, values) { tags[try string(key, node)] = try string(value, node) }
        extract.addNodeTags(id: id, tags: tags)
    }

    private func decodeDense(_ dense: ProtobufReader, into extract: inout OSMExtract) throws(OSMReadError) {
        var dense = dense
        var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
        var keysValues: [UInt64] = []
        while let field = try dense.nextField() {
            switch field.number {
            case 1: try dense.repeatedVarints(field.wireType) { ids.append($0.zigzagDecoded) }
            case 8: try dense.repeatedVarints(field.wireType) { lats.append($0.zigzagDecoded) }
            case 9: try dense.repeatedVarints(field.wireType) { lons.append($0.zigzagDecoded) }
            case 10: try dense.repeatedVarints(field.wireType) { keysValues.append($0) }
            default: try dense.skip(field.wireType)
            }
        }
        guard ids.count == lats.count, ids.count == lons.count else {
            throw dense.error("DenseNodes with \(ids.count) ids, \(lats.count) latitudes, \(lons.count) longitudes")
        }
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        var tagCursor = 0
        for index in ids.indices {
            id &+= ids[index]
            lat &+= lats[index]
            lon &+= lons[index]
            extract.addNode(id: id, latitudeE7: try fixedPoint(lat, offset: latitudeOffset, limit: 90, dense),
                            longitudeE7: try fixedPoint(lon, offset: longitudeOffset, limit: 180, dense))
            guard !keysValues.isEmpty else { continue }
            var tags: [String: String] = [:]
            while tagCursor < keysValues.count, keysValues[tagCursor] != 0 {
                guard tagCursor + 1 < keysValues.count else { throw dense.error("DenseNodes keys_vals ends inside a pair") }
                let key = try string(keysValues[tagCursor], dense)
                if key.hasPrefix("addr:") { tags[key] = try string(keysValues[tagCursor + 1], dense) }
                tagCursor += 2
            }
            tagCursor += 1
            if !tags.isEmpty { extract.addNodeTags(id: id, tags: tags) }
        }
    }

    private func decodeWay(_ way: ProtobufReader, into extract: inout OSMExtract) throws(OSMReadError) {
        var way = way
        var id: Int64?
        var keys: [UInt64] = [], values: [UInt64] = [], refs: [Int64] = []
        while let field = try way.nextField() {
            switch (field.number, field.wireType) {
            case (1, .varint): id = Int64(bitPattern: try way.varint())
            case (2, _): try way.repeatedVarints(field.wireType) { keys.append($0) }
            case (3, _): try way.repeatedVarints(field.wireType) { values.append($0) }
            case (8, _): try way.repeatedVarints(field.wireType) { refs.append($0.zigzagDecoded) }
            default: try way.skip(field.wireType)
            }
        }
        guard let id else { throw way.error("Way without id") }
        guard keys.count == values.count else { throw way.error("Way with \(keys.count) keys but \(values.count) values") }
        var tags: [String: String] = [:]
        for (key, value) in zip(keys, values) { tags[try string(key, way)] = try string(value, way) }
        var node: Int64 = 0
        extract.addWay(OSMWay(id: id, refs: refs.map { node &+= $0; return node }, tags: tags))
    }

    /// A `Relation`: id, keys and values, then parallel packed roles (string indexes), member ids
    /// (delta-coded) and member types (0 node, 1 way, 2 relation).
    private func decodeRelation(_ relation: ProtobufReader, into extract: inout OSMExtract) throws(OSMReadError) {
        var relation = relation
        var id: Int64?
        var keys: [UInt64] = [], values: [UInt64] = [], roles: [UInt64] = [], memberIDs: [Int64] = [], types: [UInt64] = []
        while let field = try relation.nextField() {
            switch (field.number, field.wireType) {
            case (1, .varint): id = Int64(bitPattern: try relation.varint())
            case (2, _): try relation.repeatedVarints(field.wireType) { keys.append($0) }
            case (3, _): try relation.repeatedVarints(field.wireType) { values.append($0) }
            case (8, _): try relation.repeatedVarints(field.wireType) { roles.append($0) }
            case (9, _): try relation.repeatedVarints(field.wireType) { memberIDs.append($0.zigzagDecoded) }
            case (10, _): try relation.repeatedVarints(field.wireType) { types.append($0) }
            default: try relation.skip(field.wireType)
            }
        }
        guard let id else { throw relation.error("Relation without id") }
        guard keys.count == values.count else { throw relation.error("Relation with \(keys.count) keys but \(values.count) values") }
        guard roles.count == memberIDs.count, types.count == memberIDs.count else {
            throw relation.error("Relation with \(roles.count) roles, \(memberIDs.count) member ids, \(types.count) types")
        }
        var tags: [String: String] = [:]
        for (key, value) in zip(keys, values) { tags[try string(key, relation)] = try string(value, relation) }
        var member: Int64 = 0, members: [(type: String, ref: Int64, role: String)] = []
        for index in memberIDs.indices {
            member &+= memberIDs[index]
            let type: String
            switch types[index] {
            case 0: type = "node"
            case 1: type = "way"
            case 2: type = "relation"
            default: throw relation.error("Relation member type \(types[index]) is not node, way or relation")
            }
            members.append((type, member, try string(roles[index], relation)))
        }
        extract.addRelation(id: id, tags: tags, members: members)
    }
}
