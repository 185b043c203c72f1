/// Reads OSM XML 0.6 into an ``OSMExtract`` with a streaming byte scanner (no DOM, no Foundation
/// XML parser): nodes with their positions and address tags, ways with node references and tags.
/// Relations are read with their tags and members; the extract keeps the turn restrictions.
/// A file that ends before `</osm>` is refused as truncated.
struct OSMXMLReader {
    /// The file name used in errors.
    let file: String

    /// What the reader is inside of.
    private enum Element {
        case none
        case node(id: Int64, tags: [String: String])
        case way(id: Int64, refs: [Int64], tags: [String: String])
        case relation(id: Int64, members: [(type: String, ref: Int64, role: String)], tags: [String: String])
    }

    /// Reads the whole document.
    func read(_ bytes: UnsafeRawBufferPointer) throws(OSMReadError) -> OSMExtract {
        var scanner = XMLScanner(bytes: bytes, file: file)
        var extract = OSMExtract()
        var element = Element.none
        var sawRoot = false, closedRoot = false
        while let markup = try scanner.next() {
            switch markup {
            case .start(let name, let attributes, let selfClosing):
                let tagOffset = name.lowerBound - 1
                if scanner.equals(name, "osm") {
                    sawRoot = true
                } else if scanner.equals(name, "node") {
                    guard sawRoot else { throw scanner.error("<node> outside <osm>", at: tagOffset) }
                    let id = try Self.integer(attributes, "id", scanner, tagOffset)
                    let lat = try Self.coordinate(attributes, "lat", scanner, tagOffset, limit: 90)
                    let lon = try Self.coordinate(attributes, "lon", scanner, tagOffset, limit: 180)
                    extract.addNode(id: id, latitudeE7: lat, longitudeE7: lon)
                    element = selfClosing ? .none : .node(id: id, tags: [:])
                } else if scanner.equals(name, "way") {
                    let id = try Self.integer(attributes, "id", scanner, tagOffset)
                    element = .way(id: id, refs: [], tags: [:])
                    if selfClosing {
                        extract.addWay(OSMWay(id: id, refs: [], tags: [:]))
                        element = .none
                    }
                } else if scanner.equals(name, "nd") {
                    if case .way(let id, var refs, let tags) = element {
                        refs.append(try Self.integer(attributes, "ref", scanner, tagOffset))
                        element = .way(id: id, refs: refs, tags: tags)
                    }
                } else if scanner.equals(name, "tag") {
                    switch element {
                    case .node(let id, var tags):
                        let (key, value) = try Self.keyValue(attributes, scanner, tagOffset)
                        if key.hasPrefix("addr:") { tags[key] = value }
                        element = .node(id: id, tags: tags)
                    case .way(let id, let refs, var tags):
                        let (key, value) = try Self.keyValue(attributes, scanner, tagOffset)
                        tags[key] = value
                        element = .way(id: id, refs: refs, tags: tags)
                    case .relation(let id, let members, var tags):
                        let (key, value) = try Self.keyValue(attributes, scanner, tagOffset)
                        tags[key] = value
                        element = .relation(id: id, members: members, tags: tags)
                    default:
                        break
                    }
                } else if scanner.equals(name, "relation") {
                    let id = try Self.integer(attributes, "id", scanner, tagOffset)
                    element = selfClosing ? .none : .relation(id: id, members: [], tags: [:])
                } else if scanner.equals(name, "member") {
                    if case .relation(let id, var members, let tags) = element {
                        guard let type = Self.value(attributes, "type", scanner) else { throw scanner.error("<member> without type", at: tagOffset) }
                        let role = Self.value(attributes, "role", scanner).map(scanner.string) ?? ""
                        members.append((scanner.string(type), try Self.integer(attributes, "ref", scanner, tagOffset), role))
                        element = .relation(id: id, members: members, tags: tags)
                    }
                }
            case .end(let name):
                if scanner.equals(name, "node"), case .node(let id, let tags) = element {
                    extract.addNodeTags(id: id, tags: tags)
                    element = .none
                } else if scanner.equals(name, "way"), case .way(let id, let refs, let tags) = element {
                    extract.addWay(OSMWay(id: id, refs: refs, tags: tags))
                    element = .none
                } else if scanner.equals(name, "relation") {
                    if case .relation(let id, let members, let tags) = element {
                        extract.addRelation(id: id, tags: tags, members: members)
                    }
                    element = .none
                } else if scanner.equals(name, "osm") {
                    closedRoot = true
                }
            }
        }
        guard sawRoot else { throw scanner.error("not an OSM XML document: no <osm> element", at: 0) }
        guard closedRoot else { throw scanner.error("file ends before </osm> (truncated?)") }
        return extract
    }

    private static func value(_ attributes: [(name: Range<Int>, value: Range<Int>)], _ key: StaticString,
                              _ scanner: XMLScanner) -> Range<Int>? {
        attributes.first { scanner.equals($0.name, key) }?.value
    }

    private static func keyValue(_ attributes: [(name: Range<Int>, value: Range<Int>)], _ scanner: XMLScanner,
                                 _ offset: Int) throws(OSMReadError) -> (String, String) {
        guard let key = value(attributes, "k", scanner), let value = value(attributes, "v", scanner) else {
            throw scanner.error("<tag> without k and v attributes", at: offset)
        }
        return (scanner.string(key), scanner.string(value))
    }

    private static func integer(_ attributes: [(name: Range<Int>, value: Range<Int>)], _ key: StaticString,
                                _ scanner: XMLScanner, _ offset: Int) throws(OSMReadError) -> Int64 {
        guard let range = value(attributes, key, scanner) else {
            throw scanner.error("missing attribute \(key)", at: offset)
        }
        guard let number = DecimalText.integer(scanner.bytes, range) else {
            throw scanner.error("attribute \(key) is not an integer: \"\(scanner.string(range))\"", at: range.lowerBound)
        }
        return number
    }

    private static func coordinate(_ attributes: [(name: Range<Int>, value: Range<Int>)], _ key: StaticString,
                                   _ scanner: XMLScanner, _ offset: Int, limit: Int64) throws(OSMReadError) -> Int32 {
        guard let range = value(attributes, key, scanner) else {
            throw scanner.error("missing attribute \(key)", at: offset)
        }
        guard let fixed = DecimalText.fixedPointE7(scanner.bytes, range), abs(fixed) <= limit * 10_000_000 else {
            throw scanner.error("attribute \(key) is not a coordinate within ±\(limit): \"\(scanner.string(range))\"", at: range.lowerBound)
        }
        return Int32(fixed)
    }
}
