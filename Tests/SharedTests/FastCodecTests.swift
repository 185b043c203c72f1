import Foundation
import PropertyBased
@testable import Shared
import Testing

/// The wire codec: the writer against the `Encodable` reference (same bytes), the reader on
/// random states of every kind, on rewritten, broken and fuzzed documents: what it accepts is the
/// state written, or well formed and stable; what it refuses is refused with its place. A failing
/// case prints its seed; `.fixedSeed(…)` on the test replays it.
@Suite("Fast codec")
struct FastCodecTests {
    /// Fuzz cases; FIELDAUDIT_SOAK=1 runs a hundred times as many.
    static let fuzzSeeds = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 250 : 25_000

    // MARK: Encoding

    @Test("encode gives exactly WireCoding's bytes, and decode gives the state back")
    func roundTrip() async {
        await propertyCheck(count: 1_000, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            var all = [states.state()]
            var simulation = Simulation(seed: seed)
            simulation.randomHistory(steps: 30)
            all += simulation.states.prefix(2)
            for state in all {
                let fast = RecordStateCodec.encode(state)
                let slow = try WireCoding.encode(state)
                #expect(fast == slow, "\(String(decoding: fast, as: UTF8.self))\n\(String(decoding: slow, as: UTF8.self))")
                let decoded = try RecordStateCodec.decode(fast)
                #expect(decoded == state)
                #expect(RecordStateCodec.encode(decoded) == fast)
            }
        }
    }

    @Test("arrays of states: the same bytes as [RecordState] through the Encodable reference, and the same states back")
    func arrays() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let list = (0..<states.int(0...6)).map { _ in states.state() }
            let fast = RecordStateCodec.encode(list)
            let slow = try WireCoding.encode(list)
            #expect(fast == slow)
            #expect(try RecordStateCodec.decodeArray(fast) == list)
        }
    }

    @Test("the writer escapes strings exactly like JSONEncoder")
    func stringEscapes() throws {
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["", "a\u{0}b", "\u{7F}\u{80}\u{9F}", "王小明 \"quoted\" / ok", "😀👨‍👩‍👧🇩🇪", "\u{2028}\u{2029}\u{FEFF}", "\\\\\\\"",
                  "tab\there\nnew\r\n\u{8}\u{C}\u{1F}", "e\u{301}", "𝄞", String(repeating: "x\"", count: 300)]
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &random) {
                let value = [UInt32.random(in: 0...0x7F, using: &random), UInt32.random(in: 0...0xFFFF, using: &random),
                             UInt32.random(in: 0...0x10FFFF, using: &random)][Int.random(in: 0...2, using: &random)]
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
            texts.append(text)
        }
        for text in texts {
            var writer = WireByteWriter(capacity: 16)
            writer.append(string: text)
            #expect(Data(writer.bytes) == (try WireCoding.encode(text)), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("the writer spells numbers exactly like JSONEncoder")
    func numberSpelling() throws {
        var doubles: [Double] = CodecStates.specialDoubles + CodecStates.specialDoubles.map { -$0 }
        var random = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let double = Double(bitPattern: random.next())
            if double.isFinite { doubles.append(double) }
            doubles.append(Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &random)) / [1, 10, 100, 1000, 1e6][Int.random(in: 0...4, using: &random)])
            doubles.append(Double(Int64(bitPattern: random.next()) >> Int.random(in: 0...63, using: &random)))
        }
        for exponent in -330...310 {
            doubles.append(Double("1e\(exponent)") ?? 0)
            doubles.append(Double("9.999999999999999e\(exponent)") ?? 0)
        }
        for double in doubles where double.isFinite {
            var writer = WireByteWriter(capacity: 32)
            writer.append(double: double)
            #expect(Data(writer.bytes) == (try WireCoding.encode(double)), "\(double)")
        }
        var integers: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        for _ in 0..<5_000 { integers.append(Int64(bitPattern: random.next()) >> Int.random(in: 0...63, using: &random)) }
        for integer in integers {
            var writer = WireByteWriter(capacity: 32)
            writer.append(signed: integer)
            #expect(Data(writer.bytes) == (try WireCoding.encode(integer)))
            writer = WireByteWriter(capacity: 32)
            writer.append(unsigned: UInt64(bitPattern: integer))
            #expect(Data(writer.bytes) == (try WireCoding.encode(UInt64(bitPattern: integer))))
        }
    }

    @Test("extreme counters and clocks read back exactly and encode like the Encodable reference")
    func extremeIntegers() throws {
        let json = #"""
            {"fields":{"phases":[{"counter":18446744073709551615,"hlc":{"ms":18446744073709551615,"n":4294967295},"replica":"t-9","value":3}],
             "tariff":[{"counter":9007199254740993,"hlc":{"ms":0,"n":0},"replica":"mis","value":"T1"}]},
             "id":"cus:A.b_c-9","kind":"customer","vector":{"t-9":18446744073709551615,"mis":9007199254740993,"t-10":1}}
            """#
        let state = try RecordStateCodec.decode(Data(json.utf8))
        #expect(state.vector == VersionVector(["t-9": .max, "mis": 9007199254740993, "t-10": 1]))
        #expect(state.registers[state.schema.index(of: "phases")!].entries == [
            RegisterEntry(dot: Dot(replica: "t-9", counter: .max), stamp: HLCTimestamp(milliseconds: .max, logical: .max), value: .integer(3))])
        #expect(state.registers[state.schema.index(of: "tariff")!].entries == [
            RegisterEntry(dot: Dot(replica: "mis", counter: 9007199254740993), stamp: HLCTimestamp(milliseconds: 0), value: .text("T1"))])
        #expect(RecordStateCodec.encode(state) == (try WireCoding.encode(state)))
    }

    @Test("text and phone rules, checked on UTF-8 bytes, agree with the rules stated on characters")
    func rulesOnBytes() {
        // The rules as stated for a person: characters counted as a reader sees them, control
        // characters by their Unicode category, phone digits as ASCII digit characters.
        func plainText(_ text: String, maxLength: Int) -> Bool {
            text.count <= maxLength && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        func phone(_ text: String) -> Bool {
            var body = Substring(text)
            if body.first == "+" { body = body.dropFirst() }
            guard let first = body.first, first.isASCII, first.isNumber else { return false }
            var digits = 0
            for character in body {
                if character.isASCII, character.isNumber { digits += 1 } else if character != " " && character != "-" { return false }
            }
            return (5...15).contains(digits)
        }
        let pieces = ["0", "1", "9", "+", " ", "-", "@", ".", "a", "Z", "é", "e\u{301}", "1\u{301}", "+\u{301}", "\u{85}", "\u{9F}", "\u{A0}",
                      "\u{7F}", "\t", "\r\n", "\n", "王", "😀", "👨‍👩‍👧", "\u{2028}", "\u{0}", "\u{1F}", "\u{C2}", "x@y.z", ".."]
        let specs = RecordKind.allCases.flatMap(\.schema.fields).filter {
            switch $0.rule { case .text, .phone: return true; default: return false }
        }
        var random = SplitMix64(seed: 3)
        var accepted = 0
        for _ in 0..<20_000 {
            let spec = specs.randomElement(using: &random)!
            var text = ""
            var length = Int.random(in: 0...20, using: &random)
            if case .text(let maxLength) = spec.rule, Bool.random(using: &random) { length = maxLength + Int.random(in: -2...2, using: &random) }
            for _ in 0..<max(0, length) {
                text += Int.random(in: 0...3, using: &random) == 0 ? pieces.randomElement(using: &random)! : ["1", "a", "5"].randomElement(using: &random)!
            }
            let expected: Bool
            switch spec.rule {
            case .text(let maxLength): expected = plainText(text, maxLength: maxLength)
            default: expected = phone(text)
            }
            let actual = (try? spec.validate(.text(text))) != nil
            if actual { accepted += 1 }
            #expect(actual == expected, "\(spec.name): \(Array(text.unicodeScalars))")
        }
        #expect(accepted > 2_000)
    }

    @Test("the UTF-8 check agrees with the standard library on random and edge-case bytes")
    func utf8Validation() {
        var cases: [[UInt8]] = [[], [0x7F], [0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
                                [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
                                [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8], [0xE4, 0xB8, 0xAD, 0xAD]]
        var random = SplitMix64(seed: 5)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                    0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<100_000 {
            cases.append((0..<Int.random(in: 0...6, using: &random)).map { _ in
                Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            })
        }
        for bytes in cases {
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            #expect(bytes.withUnsafeBufferPointer { WireByteReader.isValidUTF8($0) } == expected, "\(bytes)")
        }
    }

    // MARK: Decoding valid documents

    @Test("documents in any key order, with white space, escapes, other number spellings and unknown keys decode the same")
    func rewrittenDocuments() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let state = states.state()
            let tree = try JSONTree.parse(RecordStateCodec.encode(state))
            for _ in 0..<5 {
                var printer = JSONRewriter(rng: SplitMix64(seed: states.rng.next()))
                let text = printer.print(tree, role: .record)
                #expect(try RecordStateCodec.decode(Data(text.utf8)) == state, "\(text)")
            }
        }
    }

    @Test("the documented example decodes to the same conflict")
    func documentedExample() throws {
        let json = """
            {"fields": {"tariff": [
               {"counter": 3, "hlc": {"ms": 1732392000123, "n": 0}, "replica": "mis", "value": "T2"},
               {"counter": 1, "hlc": {"ms": 1732392999000, "n": 2}, "replica": "t-tab-7", "value": "T3"}]},
             "id": "cus-0001", "kind": "customer", "vector": {"mis": 3, "t-tab-7": 1}}
            """
        let state = try RecordStateCodec.decode(Data(json.utf8))
        #expect(state.registers[state.schema.index(of: "tariff")!].entries.map(\.value) == [.text("T2"), .text("T3")])
        #expect(state.value(of: "tariff") == .text("T2"))
    }

    // MARK: Refusing bad documents

    /// The bad documents of `WireFormatTests.refusedDocuments`, and more: each with text its error must contain.
    static let badDocuments: [(String, String)] = WireFormatTests.refusedDocuments + [
        // More of each check.
        (#"{"id":"c1","kind":"customer","vector":{}}"#, "fields: is missing"),
        (#"{"fields":{},"kind":"customer","vector":{}}"#, "id: is missing"),
        (#"{"fields":{},"id":"c1","vector":{}}"#, "kind: is missing"),
        (#"{"fields":{},"id":7,"kind":"customer","vector":{}}"#, "id: expected a string"),
        (#"{"fields":{},"id":null,"kind":"customer","vector":{}}"#, "id: expected a string, found null"),
        (#"{"fields":[],"id":"c1","kind":"customer","vector":{}}"#, "fields: expected"),
        (#"{"fields":{},"id":"c1","kind":"customer","vector":{"mis":0}}"#, "vector.mis: vector: counters start at 1, got 0"),
        (#"{"fields":{},"id":"c1","kind":"customer","vector":{"mis":-1}}"#, "not valid JSON"),
        (#"{"fields":{},"id":"c1","kind":"customer","vector":{"mis":"1"}}"#, "vector.mis: expected a whole number"),
        (#"{"fields":{"tariff":[]},"id":"c1","kind":"customer","vector":{}}"#, "fields.tariff: field 'tariff' has no entries"),
        (#"{"fields":{"tariff":{}},"id":"c1","kind":"customer","vector":{}}"#, "fields.tariff: expected Array<Any>"),
        (#"{"fields":{"tariff":[1]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0]: expected"),
        (#"{"fields":{"tariff":[{"counter":0,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].counter: counters start at 1"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"t-x","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "not covered by the vector {mis:1}"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"},{"counter":2,"hlc":{"ms":1,"n":0},"replica":"mis","value":"y"}]},"id":"c1","kind":"customer","vector":{"mis":2}}"#, "two entries from mis in one field"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"}],"feeder":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"y"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "appears twice"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"Mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].replica: replica: must be"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].replica: is missing"),
        (#"{"fields":{"tariff":[{"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].counter: is missing"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].value: is missing"),
        (#"{"fields":{"tariff":[{"counter":1,"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].hlc: is missing"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.tariff[0].hlc.n: is missing"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":4294967296},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "not valid JSON"),
        (#"{"fields":{"account":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":null}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "account: is required"),
        (#"{"fields":{"capacity_kva":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":-0.5}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "capacity_kva: must be a number of at least 0"),
        (#"{"fields":{"capacity_kva":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":1e400}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "not valid JSON"),
        (#"{"fields":{"location":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":{"lat":91,"lon":0}}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "latitude must be between -90 and 90"),
        (#"{"fields":{"location":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":{"lat":1}}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.location[0].value.lon: is missing"),
        (#"{"fields":{"location":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":[1,2]}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.location[0].value: expected"),
        (#"{"fields":{"retired":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":1}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.retired[0].value: expected true or false"),
        (#"{"fields":{"customers":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":["cus-1",null]}]},"id":"w1","kind":"work_order","vector":{"mis":1}}"#, "fields.customers[0].value[1]: expected a string, found null"),
        (#"{"fields":{"customers":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":["cus 1"]}]},"id":"w1","kind":"work_order","vector":{"mis":1}}"#, "customers: must be a comma-separated list"),
        (#"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"a\u0001b"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "name: must be text"),
        (#"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"a\ud800b"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "not valid JSON"),
        (#"{"fields":{},"id":"c1","kind":"customer","vector":{}} x"#, "not valid JSON"),
        (#"[]"#, "expected Dictionary<String, Any>"),
        (#"null"#, "expected Dictionary<String, Any>, found null"),
        (#""#, "not valid JSON"),
        (#"{"fields":{},"id":"c1","kind":"customer","vector":{},}"#, "--accepted--"),
    ]

    @Test("bad documents are refused with the place and the reason")
    func badDocuments() {
        expectVerdicts(Self.badDocuments, RecordStateCodec.decode)
    }

    @Test("number spellings are read as JSONDecoder reads them, wherever a number goes")
    func numberSpellings() throws {
        let spellings = [
            "0", "1", "-0", "-1", "1.0", "1.5", "-0.0", "0.1e1", "1e2", "1E+2", "1e-2", "10e-1", "1e0", "0e0", "0e5", "0.0e-0",
            "01", "-01", "00", "1.", ".5", "-", "-.5", "+1", "1e", "1e+", "1.e5", "0.e1", "1.5.5", "1-2", "1e5e5", "1+2", "1e+-5", "1e5.5",
            "1x", "0x10", "Infinity", "NaN", "1e400", "-1e400", "1e-400", "4.9e-324", "5e-324", "2.5e-324", "1e-325", "2.2250738585072011e-308",
            "4294967295", "4294967296", "4294967295.0", "42949672.95e2", "9007199254740992", "9007199254740993", "9007199254740993.0",
            "9007199254740993.5", "1e18", "1.5e18", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "9223372036854775807.0", "9.223372036854775807e18", "18446744073709551615", "18446744073709551616",
            "18446744073709551615.0", "1844674407370955161.5e1", "1e19", "1.8446744073709552e19", "12345678901234567890123e-5",
            "100000000000000000000000", "123456789012345678901234567890", "0.000000000000000000000000000001e30",
            "3.14159265358979323846264338327950288", "-27.21091", "90", "90.0000000000000001", "-180", "1e-7", "1e21",
            "0e1", "0e10", "0.0e5", "0.00e10", "-0e1", "0.000e5", "0E+7", "00e5", "0.0000", "-0.000e-0",
        ]
        let template = #"{"fields":{"capacity_kva":[{"counter":@C1@,"hlc":{"ms":@MS@,"n":@N@},"replica":"mis","value":@DEC@}],"phases":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"t-a","value":@INT@}],"location":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"t-b","value":{"lat":@LAT@,"lon":1}}]},"id":"c1","kind":"customer","vector":{"mis":@VEC@,"t-a":1,"t-b":1}}"#
        let normal = ["@C1@": "1", "@MS@": "1", "@N@": "0", "@DEC@": "1", "@INT@": "1", "@LAT@": "1", "@VEC@": "18446744073709551615"]
        for slot in normal.keys.sorted() {
            for spelling in spellings {
                var json = template
                for (name, value) in normal { json = json.replacingOccurrences(of: name, with: name == slot ? spelling : value) }
                expectNumbersAsFoundation(Data(json.utf8))
            }
        }
    }

    /// The number template read by Foundation into the Swift types of each slot: the reference for
    /// which spellings are numbers of that type, and their values.
    private struct NumberTemplate: Decodable {
        struct Stamp: Decodable { var ms: UInt64; var n: UInt32 }
        struct Point: Decodable { var lat: Double; var lon: Double }
        struct Entry<Value: Decodable>: Decodable { var counter: UInt64; var hlc: Stamp; var value: Value }
        struct Fields: Decodable {
            var capacity_kva: [Entry<Double>]
            var phases: [Entry<Int64>]
            var location: [Entry<Point>]
        }
        var fields: Fields
        var vector: [String: UInt64]
    }

    /// What Foundation cannot read as the slot's type, the reader refuses; what it reads, the
    /// reader reads to the same numbers, or refuses by a wire rule (not as bad JSON or a bad type).
    private func expectNumbersAsFoundation(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = String(decoding: data, as: UTF8.self)
        let reference = try? JSONDecoder().decode(NumberTemplate.self, from: data)
        let read = Result { () throws(WireError) -> RecordState in try RecordStateCodec.decode(data) }
        switch (reference, read) {
        case (nil, .success): Issue.record("accepted numbers Foundation refuses: \(text)", sourceLocation: sourceLocation)
        case (nil, .failure): break
        case (_?, .failure(let error)):
            #expect(!error.problem.contains("valid JSON") && !error.problem.hasPrefix("expected"), "\(text): \(error)", sourceLocation: sourceLocation)
        case (let reference?, .success(let state)):
            func entry(_ field: String) -> RegisterEntry { state.registers[state.schema.index(of: field)!].entries[0] }
            let capacity = reference.fields.capacity_kva[0], phases = reference.fields.phases[0], location = reference.fields.location[0]
            #expect(entry("capacity_kva").value == .decimal(capacity.value), "\(text)", sourceLocation: sourceLocation)
            #expect(entry("capacity_kva").dot.counter == capacity.counter, sourceLocation: sourceLocation)
            #expect(entry("capacity_kva").stamp == HLCTimestamp(milliseconds: capacity.hlc.ms, logical: capacity.hlc.n), sourceLocation: sourceLocation)
            #expect(entry("phases").value == .integer(phases.value), "\(text)", sourceLocation: sourceLocation)
            #expect(entry("location").value == .location(GeoPoint(latitude: location.value.lat, longitude: location.value.lon)), sourceLocation: sourceLocation)
            #expect(state.vector["mis"] == reference.vector["mis"], sourceLocation: sourceLocation)
        }
    }

    @Test("strings: escapes, surrogate pairs, invalid UTF-8 and control characters, in values and keys")
    func stringSpellings() {
        let spellings: [[UInt8]] = [
            Array(#"plain"#.utf8), Array(#"\u0041\u00e9\u4E2D\uD83D\uDE00"#.utf8), Array(#"\uDBFF\uDFFF"#.utf8), Array(#"\uD800"#.utf8),
            Array(#"\uDC00"#.utf8), Array(#"\uD800\u0041"#.utf8), Array(#"\uD800\\"#.utf8), Array(#"\uD800x"#.utf8), Array(#"\u12"#.utf8),
            Array(#"\uzzzz"#.utf8), Array(#"\u00"#.utf8), Array(#"\x"#.utf8), Array(#"\/\b\f\n\r\t\"\\"#.utf8), Array(#"\u0000"#.utf8),
            Array(#"a\"#.utf8) + [0x22], [0x61, 0x01, 0x62], [0x09], [0x7F], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8],
            [0xF4, 0x90, 0x80, 0x80], [0x80], [0xF0, 0x9F, 0x98, 0x80], Array("王小明".utf8), Array(#"\u0009"#.utf8), Array(#"\u007f"#.utf8),
            Array(#"\uD83D\uDE00\uD83D"#.utf8), Array(#"\"#.utf8), Array(#"\uFFFF"#.utf8), Array(#"\uFEFF"#.utf8),
        ]
        // Where a string goes: a text value, a key we read, a key we skip, a value we skip, a replica, a vector key, the kind.
        let templates = [
            #"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"S"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#,
            #"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x","S":1}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#,
            #"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x","other":"S"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#,
            #"{"extra":{"S":["S"]},"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#,
            #"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0,"S":0},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#,
            #"{"fields":{"name":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mSis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#,
            #"{"fields":{},"id":"c1","kind":"customer","vector":{"mSis":1}}"#,
            #"{"fields":{},"id":"c1","kind":"cuSstomer","vector":{}}"#,
            #"{"fields":{"S":[]},"id":"c1","kind":"customer","vector":{}}"#,
            #"{"fields":{"customers":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":["S"]}]},"id":"w1","kind":"work_order","vector":{"mis":1}}"#,
        ]
        for template in templates {
            let parts = template.components(separatedBy: "S")
            for spelling in spellings {
                var bytes: [UInt8] = []
                for (index, part) in parts.enumerated() {
                    if index > 0 { bytes += spelling }
                    bytes += Array(part.utf8)
                }
                expectSound(Data(bytes))
            }
        }
    }

    @Test("input encodings: byte order marks, UTF-16 and UTF-32 are read as JSONDecoder reads them")
    func inputEncodings() throws {
        let state = try RecordStateCodec.decode(Data(Self.sample.utf8))
        // UTF-32 with a byte order mark (`.utf32`) is taken for UTF-16 by its first two bytes, as
        // JSONDecoder takes it, and refused.
        let encodings: [String.Encoding] = [.utf8, .utf16BigEndian, .utf16LittleEndian, .utf32BigEndian, .utf32LittleEndian, .utf16, .utf32]
        for encoding in encodings {
            let data = Self.sample.data(using: encoding)!
            if encoding == .utf32 { expectSound(data) } else { #expect((try? RecordStateCodec.decode(data)) == state, "\(encoding)") }
            expectSound(Data([0xEF, 0xBB, 0xBF]) + data)
        }
        #expect(try RecordStateCodec.decode(Data([0xEF, 0xBB, 0xBF]) + Data(Self.sample.utf8)) == state)
        for prefix: [UInt8] in [[0xFE, 0xFF], [0xFF, 0xFE], [0, 0, 0xFE, 0xFF], [0xFE, 0xFF, 0, 0], [0], [0, 0], [0x7B, 0], [0, 0x7B]] {
            expectSound(Data(prefix) + Data(Self.sample.utf8))
            expectSound(Data(prefix))
        }
    }

    @Test("nesting is bounded at JSONDecoder's depth, and deep input never crashes")
    func deepNesting() throws {
        for depth in [1, 63, 64, 65, 509, 510, 511, 512, 513, 100_000] {
            for (open, close) in [("[", "]"), (#"{"a":"#, "}")] {
                let nested = String(repeating: open, count: depth) + (open == "[" ? "" : "1") + String(repeating: close, count: depth)
                let json = Self.sample.replacingOccurrences(of: #""id":"#, with: #""deep":\#(nested),"id":"#)
                expectSound(Data(json.utf8))
                let entry = Self.sample.replacingOccurrences(of: #""replica":"mis","#, with: #""deep":\#(nested),"replica":"mis","#)
                expectSound(Data(entry.utf8))
                expectSound(Data(nested.utf8))
            }
        }
        expectSound(Data(String(repeating: "[", count: 1_000_000).utf8))
        expectSound(Data(String(repeating: #"{"a":"#, count: 300_000).utf8))
        let nested = { (depth: Int) in Self.sample.replacingOccurrences(of: #""id":"#, with: #""deep":\#(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)),"id":"#) }
        #expect(try RecordStateCodec.decode(Data(nested(510).utf8)) == RecordStateCodec.decode(Data(Self.sample.utf8)))
        #expect(throws: WireError.self) { try RecordStateCodec.decode(Data(nested(512).utf8)) }
    }

    @Test("input that makes JSONDecoder trap is refused with an error")
    func foundationTrap() throws {
        // `{"a":` and 512 `[`: JSONDecoder (Swift 6.3.1) fails a precondition on it and kills the process.
        let body = Data((#"{"a":"# + String(repeating: "[", count: 512)).utf8)
        #expect(crashesFoundation(body))
        #expect(throws: WireError.self) { try RecordStateCodec.decode(body) }
        #expect(throws: WireError.self) { try PushRequest.decodeFast(body) }
        #expect(throws: WireError.self) { try RecordStateCodec.decodeArray(Data(String(repeating: "[", count: 513).utf8)) }
        // Bodies that are not sync messages still go through JSONDecoder, after the reader's scan.
        #expect(throws: WireError.self) { try WireCoding.decode(APIErrorBody.self, from: body) }
        #expect(throws: WireError.self) { try WireCoding.decode(DeviceIdentity.self, from: Data(String(repeating: "[", count: 600).utf8)) }
        #expect(try WireCoding.decode(APIErrorBody.self, from: Data(#"{"detail":"d","error":"e"}"#.utf8)) == APIErrorBody(error: "e", detail: "d"))
    }

    static let sample = #"{"fields":{"location":[{"counter":2,"hlc":{"ms":1732392000123,"n":0},"replica":"t-a","value":{"lat":-27.21091,"lon":153.05189}}],"tariff":[{"counter":3,"hlc":{"ms":1732392000123,"n":0},"replica":"mis","value":"T2 \"x\" / 王"},{"counter":1,"hlc":{"ms":1732391000000,"n":2},"replica":"t-a","value":"T3"}]},"id":"cus-0001","kind":"customer","vector":{"mis":3,"t-a":2}}"#

    // MARK: Fuzzing

    @Test("fuzzed documents: never a crash; refused with a message, or accepted only when JSON, well formed and stable")
    func fuzz() async {
        await propertyCheck(count: Self.fuzzSeeds, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let original = Array(RecordStateCodec.encode(states.state()))
            var fuzzer = Fuzzer(rng: SplitMix64(seed: seed ^ 0x5EED))
            for _ in 0..<20 {
                var bytes = original
                for _ in 0..<fuzzer.int(1...3) { fuzzer.mutate(&bytes) }
                expectSound(Data(bytes))
            }
        }
    }

    @Test("fuzzed arrays of states: refused, or JSON, well formed and stable")
    func fuzzArrays() async {
        await propertyCheck(count: 50, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let original = Array(RecordStateCodec.encode((0..<states.int(1...3)).map { _ in states.state() }))
            var fuzzer = Fuzzer(rng: SplitMix64(seed: seed ^ 0xA11))
            for _ in 0..<20 {
                var bytes = original
                fuzzer.mutate(&bytes)
                expectSound(Data(bytes), RecordStateCodec.decodeArray, states: { $0 })
            }
        }
    }

    // MARK: Push bodies

    @Test("push bodies read back to the batch written, however they are spelled")
    func pushRoundTrip() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            var records: [RecordState] = []
            for _ in 0..<states.int(0...5) {
                let state = states.state()
                if !records.contains(where: { $0.key == state.key }) { records.append(state) }
            }
            let batch = PushRequest(batchID: "b-\(seed)", records: records)
            let body = try WireCoding.encode(batch)
            #expect(try PushRequest.decodeFast(body) == batch)
            let tree = try JSONTree.parse(body)
            var printer = JSONRewriter(rng: SplitMix64(seed: seed))
            let rewritten = Data(printer.printPush(tree).utf8)
            #expect(try PushRequest.decodeFast(rewritten) == batch, "\(String(decoding: rewritten, as: UTF8.self))")
        }
    }

    static let badPushes: [(String, String)] = [
        (#"{"batch_id":"x","records":["#, "not valid JSON"),
        (#"{"batch_id":7,"records":[]}"#, "batch_id: expected a string"),
        (#"{"batch_id":null,"records":[]}"#, "batch_id: expected a string, found null"),
        (#"{"batch_id":"x","records":[],"force":true}"#, "unknown field(s): force"),
        (#"{"zeta":1,"batch_id":"x","alpha":2,"records":[],"alpha":3}"#, "unknown field(s): alpha, zeta"),
        (#"{"records":[]}"#, "batch_id: is missing"),
        (#"{"batch_id":"x"}"#, "records: is missing"),
        (#"{"batch_id":"","records":[]}"#, "batch_id: must be 1 to 128 ASCII characters without spaces"),
        (#"{"batch_id":"a b","records":[]}"#, "batch_id: must be"),
        (#"{"batch_id":"a\tb","records":[]}"#, "batch_id: must be"),
        (#"{"batch_id":"é","records":[]}"#, "batch_id: must be"),
        (#"{"batch_id":"\#(String(repeating: "x", count: 129))","records":[]}"#, "batch_id: must be"),
        (#"{"batch_id":"x","records":{}}"#, "records: expected Array<Any>"),
        (#"{"batch_id":"x","records":null}"#, "records: expected Array<Any>, found null"),
        (#"{"batch_id":"x","records":[null]}"#, "records[0]: expected Dictionary<String, Any>, found null"),
        (#"{"batch_id":"x","records":[{"fields":{},"id":"c1","kind":"customer","vector":{}},{"fields":{},"id":"c1","kind":"customer","vector":{}}]}"#, "records[1]: customer/c1 appears twice in one batch"),
        (#"{"batch_id":"x","records":[{"fields":{},"id":"c1","kind":"customer","vector":{}},{"fields":{"phone":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"t-tab-anna","value":"call me"}]},"id":"cus-20000001","kind":"customer","vector":{"t-tab-anna":1}}]}"#, "records[1].fields.phone[0].value: phone: must be 5 to 15 digits"),
        (#"{"batch_id":"x","records":[{"fields":{},"id":"c1","kind":"customer"}]}"#, "records[0].vector: is missing"),
        (#"{"batch_id":"x","records":[],}"#, "--accepted--"),
        (#"{"batch_id":"x","batch_id":7,"records":[1],"records":[]}"#, "records[0]: expected Dictionary<String, Any>"),
        (#"{"batch_id":"x\u0000y","records":[]}"#, "--accepted--"),
        (#"[]"#, "expected Dictionary<String, Any>"),
    ]

    @Test("bad push bodies are refused with the place and the reason")
    func badPushes() {
        expectVerdicts(Self.badPushes, PushRequest.decodeFast)
    }

    @Test("fuzzed push bodies: refused with a message, or JSON, well formed and stable")
    func fuzzPushes() async {
        await propertyCheck(count: Self.fuzzSeeds / 5, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            var records: [RecordState] = []
            for _ in 0..<states.int(1...3) {
                let state = states.state()
                if !records.contains(where: { $0.key == state.key }) { records.append(state) }
            }
            let original = Array(try WireCoding.encode(PushRequest(batchID: "batch-\(seed % 1000)", records: records)))
            var fuzzer = Fuzzer(rng: SplitMix64(seed: seed ^ 0xB47C))
            for _ in 0..<20 {
                var bytes = original
                for _ in 0..<fuzzer.int(1...2) { fuzzer.mutate(&bytes) }
                expectSound(Data(bytes), PushRequest.decodeFast, states: \.records)
            }
        }
    }
}

// MARK: - Random states

/// Random, valid states of every kind: every rule, nulls, conflicts from merges, tricky text and numbers.
struct CodecStates {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let replicas: [ReplicaID] = ["server", "mis", "t-a", "t-b", "t-tab-0042", "t-tab.7_x", "t-9", "t-10", "a",
                                        "zz-last-replica-with-a-rather-long-name-0123456789"]
    static let idCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:")
    static let textPieces = [
        "plain", " ", "Hauptstraße 1", "王小明", "北京市朝阳区 1号", "😀", "👨‍👩‍👧", "🇩🇪", "\"quoted\"", "back\\slash", "a/b//c", "é", "e\u{301}",
        "\u{2028}", "\u{A0}", "Ω≈ç√", "'single'", "{json}", "[1,2]", "\u{FFFD}", "𝄞", "null", "true", "0.1", "\\u0041", "</script>", "\u{FEFF}",
    ]
    static let specialDoubles: [Double] = [
        0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 1e-7, 1e-5, 1e-4, 0.001, 1, 10, 100, 3.5, 15.75, 4.35, 1e15, 1e15 + 0.5, 1e16, 1e21, 1e22, 1e23,
        123456789012345680, 9007199254740992, 9007199254740994, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
        1.7976931348623157e308, 2.5e-5, 1e300, 123.456e-200, 999999999999999.9, 0.000001, 1234.5678,
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func id() -> String {
        let length = chance(0.05) ? 64 : int(1...12)
        return String((0..<length).map { _ in pick(Self.idCharacters) })
    }

    mutating func text(maxLength: Int) -> String {
        var text = ""
        for _ in 0..<int(0...6) { text += pick(Self.textPieces) }
        if chance(0.02) { text = String(repeating: pick(Self.textPieces), count: 400) }
        return String(text.prefix(maxLength))
    }

    mutating func nonNegativeDouble() -> Double {
        switch int(0...4) {
        case 0: return pick(Self.specialDoubles)
        case 1:
            while true {
                let double = Double(bitPattern: rng.next() & ~(1 << 63))
                if double.isFinite { return double }
            }
        case 2: return Double(int(0...100_000))
        case 3: return (Double.random(in: 0..<10_000, using: &rng) * 100).rounded() / 100
        default: return chance(0.5) ? -0.0 : Double.random(in: 0..<1, using: &rng)
        }
    }

    mutating func coordinate(limit: Double) -> Double {
        switch int(0...3) {
        case 0: return pick([0, -0.0, limit, -limit, 1e-300, -1e-300, .leastNonzeroMagnitude, -27.21091, 153.05189, 49.9, 11.5].filter { $0.magnitude <= limit })
        case 1:
            while true {
                let double = Double(bitPattern: rng.next())
                if double.isFinite, double.magnitude <= limit { return double }
            }
        default: return Double.random(in: -limit...limit, using: &rng)
        }
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in pick(Array("0123456789")) })
    }

    func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    mutating func date() -> String { "\(int(1970...2100))-" + two(int(1...12)) + "-" + two(int(1...28)) }

    mutating func value(for spec: FieldSpec) -> FieldValue {
        if !spec.isRequired, chance(0.1) { return .null }
        switch spec.rule {
        case .text(let maxLength): return .text(text(maxLength: maxLength))
        case .digits(let lengths): return .text(digits(int(lengths)))
        case .phone:
            var phone = chance(0.5) ? "+" : ""
            phone += digits(1)
            for _ in 0..<int(4...14) { phone += pick(["", "", " ", "-"]) + digits(1) }
            return .text(phone)
        case .email: return .text(pick(["name", "a.b+c", "王", "x"]) + "@" + pick(["example.com", "ex-ample.org", "例子.中国"]))
        case .choice(let codes): return .text(pick(codes))
        case .integer(let range): return .integer(Int64.random(in: range, using: &rng))
        case .decimal: return .decimal(nonNegativeDouble())
        case .location: return .location(GeoPoint(latitude: coordinate(limit: 90), longitude: coordinate(limit: 180)))
        case .date: return .text(date())
        case .timestamp:
            let fraction = chance(0.5) ? "" : "." + digits(int(1...6))
            return .text(date() + "T" + two(int(0...23)) + ":" + two(int(0...59)) + ":" + two(int(0...59)) + fraction + "Z")
        case .appointment:
            let start = int(0...22)
            return .text(date() + " " + two(start) + ":" + two(int(0...59)) + "-" + two(int((start + 1)...23)) + ":" + two(int(0...59)))
        case .reference: return .text(id())
        case .references: return .list((0..<int(0...4)).map { _ in id() })
        case .flag: return .flag(chance(0.5))
        }
    }

    mutating func stamp() -> HLCTimestamp {
        HLCTimestamp(
            milliseconds: chance(0.1) ? pick([0, UInt64.max, 1 << 53, (1 << 53) + 1]) : UInt64.random(in: 1_600_000_000_000...1_800_000_000_000, using: &rng),
            logical: chance(0.1) ? pick([0, UInt32.max]) : UInt32(int(0...5)))
    }

    /// A state written by a few replicas, merged now and then, so fields hold conflicts.
    mutating func state() -> RecordState {
        let kind = pick(RecordKind.allCases)
        let id = id()
        var writers: [ReplicaID] = []
        for _ in 0..<int(1...4) {
            let replica = pick(Self.replicas)
            if !writers.contains(replica) { writers.append(replica) }
        }
        var copies = writers.map { _ in RecordState(kind: kind, id: id) }
        for _ in 0..<int(0...40) {
            let writer = int(0...copies.count - 1)
            if chance(0.7) {
                let spec = pick(kind.schema.fields)
                let value = value(for: spec)
                do { try copies[writer].write(value, to: spec.name, by: writers[writer], at: stamp()) } catch {
                    Issue.record("generated an invalid value \(value) for \(spec.name): \(error)")
                }
            } else {
                try! copies[writer].merge(copies[int(0...copies.count - 1)])
            }
        }
        var result = copies[0]
        for copy in copies.dropFirst() where chance(0.6) { try! result.merge(copy) }
        return result
    }
}

// MARK: - Rewriting valid documents

/// A parsed JSON document that keeps number spellings, to print it back in other valid forms.
indirect enum JSONTree {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case number(String)
    case literal(String)

    static func parse(_ data: Data) throws -> JSONTree {
        var parser = Parser(scalars: Array(String(decoding: data, as: UTF8.self).unicodeScalars))
        return try parser.value()
    }

    struct ParseError: Error {}

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipSpace() { while index < scalars.count, " \n\r\t".unicodeScalars.contains(scalars[index]) { index += 1 } }

        mutating func value() throws -> JSONTree {
            skipSpace()
            guard index < scalars.count else { throw ParseError() }
            switch scalars[index] {
            case "{":
                index += 1
                var members: [(String, JSONTree)] = []
                skipSpace()
                if scalars[index] == "}" { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw ParseError() }
                    skipSpace()
                    index += 1 // :
                    members.append((key, try value()))
                    skipSpace()
                    let next = scalars[index]
                    index += 1
                    if next == "}" { return .object(members) }
                }
            case "[":
                index += 1
                var elements: [JSONTree] = []
                skipSpace()
                if scalars[index] == "]" { index += 1; return .array(elements) }
                while true {
                    elements.append(try value())
                    skipSpace()
                    let next = scalars[index]
                    index += 1
                    if next == "]" { return .array(elements) }
                }
            case "\"":
                index += 1
                var text = ""
                while scalars[index] != "\"" {
                    if scalars[index] == "\\" {
                        index += 1
                        switch scalars[index] {
                        case "n": text += "\n"
                        case "t": text += "\t"
                        case "r": text += "\r"
                        case "b": text += "\u{8}"
                        case "f": text += "\u{C}"
                        case "u":
                            let hex = String(String.UnicodeScalarView(scalars[(index + 1)...(index + 4)]))
                            text.unicodeScalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
                            index += 4
                        default: text.unicodeScalars.append(scalars[index])
                        }
                    } else {
                        text.unicodeScalars.append(scalars[index])
                    }
                    index += 1
                }
                index += 1
                return .string(text)
            default:
                let start = index
                while index < scalars.count, !",]} \n\r\t".unicodeScalars.contains(scalars[index]) { index += 1 }
                let token = String(String.UnicodeScalarView(scalars[start..<index]))
                return ["true", "false", "null"].contains(token) ? .literal(token) : .number(token)
            }
        }
    }
}

/// Prints a ``JSONTree`` of a record state in another form the Codable path reads as the same state:
/// members shuffled, random white space, escapes for any character, other spellings of the same
/// numbers, trailing commas, unknown members (where the Codable path ignores them) and repeated
/// members after the real one (the first occurrence wins).
struct JSONRewriter {
    var rng: SplitMix64

    enum Role { case record, vector, fields, entries, entry, plain }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }

    mutating func space() -> String {
        guard chance(0.3) else { return "" }
        return String((0..<Int.random(in: 1...3, using: &rng)).map { _ in [" ", "\n", "\r", "\t"].randomElement(using: &rng)! })
    }

    mutating func string(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            let escape = chance(0.15)
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "/" where escape: output += "\\/"
            case _ where scalar.value < 0x20 || escape:
                let upper = chance(0.5)
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16, uppercase: upper)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// Another spelling of the same number, read back to the same value by JSONDecoder.
    mutating func number(_ token: String, integer: Bool) -> String {
        guard chance(0.3) else { return token }
        if integer {
            guard let value = UInt64(token), value < 1 << 53 else { return token }
            switch Int.random(in: 0...3, using: &rng) {
            case 0: return token + ".0"
            case 1: return token + "e0"
            case 2: return value == 0 ? "-0" : token + "0e-1"
            default: return value % 10 == 0 && value > 0 ? String(value / 10) + "E+1" : token + ".000"
            }
        }
        let hasExponent = token.contains("e") || token.contains("E")
        let hasFraction = token.contains(".")
        switch (hasFraction, hasExponent, Int.random(in: 0...2, using: &rng)) {
        case (false, false, 0): return token + ".0"
        case (false, false, 1): return token + "e0"
        case (false, false, _): return token == "0" || token == "-0" ? token + ".00" : token + "0e-1"
        case (true, false, 0): return token + "0"
        case (true, false, 1): return token + "e0"
        case (true, false, _): return token + "E+0"
        case (_, true, 0): return token.replacingOccurrences(of: "e", with: "E")
        case (true, true, _): return token.replacingOccurrences(of: "e", with: "0e")
        default: return token
        }
    }

    mutating func junk(depth: Int = 0) -> String {
        switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &rng) {
        case 0: return "null"
        case 1: return string("junk \u{1F600}")
        case 2: return ["01", "-", "1.", "1e400", "tru" + "e", "-0.0e+5"].randomElement(using: &rng)!
        case 3: return "\"\\x \u{1}\"" // never read, so never checked
        case 4: return "[" + junk(depth: depth + 1) + "," + junk(depth: depth + 1) + "]"
        default: return "{\"k\":" + junk(depth: depth + 1) + "}"
        }
    }

    /// A push body: its records printed as records, its members shuffled.
    mutating func printPush(_ tree: JSONTree) -> String {
        guard case .object(let members) = tree else { return "" }
        let printed = members.map { key, value -> String in
            let body: String
            if key == "records", case .array(let records) = value {
                body = "[" + space() + records.map { print($0, role: .record) }.joined(separator: space() + "," + space()) + space() + "]"
            } else {
                body = print(value, role: .plain)
            }
            return string(key) + space() + ":" + space() + body
        }
        return "{" + space() + printed.shuffled(using: &rng).joined(separator: ",") + space() + "}"
    }

    mutating func print(_ tree: JSONTree, role: Role, integer: Bool = false) -> String {
        switch tree {
        case .string(let text): return string(text)
        case .number(let token): return number(token, integer: integer)
        case .literal(let literal): return literal
        case .array(let elements):
            var parts = elements.map { print($0, role: role == .entries ? .entry : .plain) }
            if role == .plain, parts.isEmpty { return "[" + space() + "]" }
            if !parts.isEmpty, chance(0.1) { parts[parts.count - 1] += "," + space() }
            return "[" + space() + parts.joined(separator: space() + "," + space()) + space() + "]"
        case .object(let members):
            var printed: [String] = []
            for (key, value) in members {
                let childRole: Role
                var integerValue = false
                switch role {
                case .record: childRole = key == "fields" ? .fields : key == "vector" ? .vector : .plain
                case .fields: childRole = .entries
                case .vector: childRole = .plain; integerValue = true
                case .entry: childRole = key == "hlc" ? .plain : .plain; integerValue = key == "counter"
                default: childRole = .plain; integerValue = key == "ms" || key == "n"
                }
                printed.append(string(key) + space() + ":" + space() + print(value, role: childRole, integer: integerValue))
            }
            // Unknown members are ignored in the record, an entry, a clock and a location; repeats of a member are never read.
            if role == .record || role == .entry || role == .plain, chance(0.3) {
                printed.append(string(["extra", "note", "k"].randomElement(using: &rng)!) + ":" + junk())
            }
            if role != .vector, role != .fields, let first = members.first, chance(0.2) {
                printed.append(string(first.0) + ":" + junk())
            }
            // Shuffle, but keep each repeated member after its first occurrence.
            var order = Array(printed.indices.prefix(members.count)).shuffled(using: &rng)
            order += printed.indices.dropFirst(members.count)
            var text = order.map { printed[$0] }.joined(separator: space() + "," + space())
            if !printed.isEmpty, chance(0.1) { text += "," }
            return "{" + space() + text + space() + "}"
        }
    }
}

// MARK: - Mutations

/// Random damage to a document: truncations, byte flips, deletions, insertions, number and string
/// swaps, type changes, deep nesting, repeated and unknown members, encodings.
struct Fuzzer {
    var rng: SplitMix64

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    static let significant = Array(#"{}[],:"\-.eE0123456789tfnul +/x"#.utf8) + [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x7F, 0x80, 0xC0, 0xFF]
    static let numbers = ["0", "-0", "1.0", "1e2", "0.1e1", "01", "1.", "-", "1e400", "1e-400", "18446744073709551616", "9223372036854775808",
                          "-1", "1.5", "4294967296", "-0.0", "1E+2", "0e0", "2.5e-324", "90.5", "-180.0001", "9007199254740993.5", "1e19"]
    static let strings = [#""""#, #""\u00e9""#, #""\x""#, #""\ud800""#, "\"a\u{1}\"", #""\uDE00\uD800""#, #""t-a""#, #""mis""#, #""server""#,
                          #""Bad Replica""#, #""customer""#, #""device""#, #""work_order""#, #""tariff""#, #""phases""#, #""location""#,
                          #""value""#, #""counter""#, #""hlc""#, #""replica""#, #""c:1""#, #""2026-02-30""#]
    static let values = ["null", "true", "false", "[]", "{}", #""s""#, "0", "[null]", #"{"lat":1,"lon":2}"#, #"["cus-1"]"#, "1.5"]

    /// The byte ranges of the document's tokens: strings (with quotes) and numbers.
    static func tokens(_ bytes: [UInt8]) -> (strings: [Range<Int>], numbers: [Range<Int>]) {
        var strings: [Range<Int>] = [], numbers: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                var end = index + 1
                while end < bytes.count, bytes[end] != 0x22 { end += bytes[end] == 0x5C ? 2 : 1 }
                strings.append(index..<min(end + 1, bytes.count))
                index = end + 1
            } else if byte == 0x2D || (byte >= 0x30 && byte <= 0x39) {
                var end = index + 1
                while end < bytes.count, WireByteReader.isNumberByte(bytes[end]) { end += 1 }
                numbers.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return (strings, numbers)
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { bytes = Array("{}".utf8); return }
        let (strings, numbers) = Self.tokens(bytes)
        let position = int(0...bytes.count - 1)
        switch int(0...15) {
        case 0: bytes.removeSubrange(int(0...bytes.count)...)
        case 1: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
        case 2: bytes[position] = Self.significant.randomElement(using: &rng)!
        case 3: bytes.removeSubrange(position..<min(bytes.count, position + int(1...8)))
        case 4: bytes.insert(Self.significant.randomElement(using: &rng)!, at: position)
        case 5:
            let end = min(bytes.count, position + int(1...40))
            bytes.insert(contentsOf: bytes[position..<end], at: int(0...bytes.count))
        case 6:
            guard let range = numbers.randomElement(using: &rng) else { return }
            bytes.replaceSubrange(range, with: Array(Self.numbers.randomElement(using: &rng)!.utf8))
        case 7:
            guard let range = strings.randomElement(using: &rng) else { return }
            bytes.replaceSubrange(range, with: Array(Self.strings.randomElement(using: &rng)!.utf8))
        case 8:
            // Replace a value (the token after a colon) with a value of another type.
            guard let range = (strings + numbers).randomElement(using: &rng), range.lowerBound > 0, bytes[range.lowerBound - 1] == 0x3A else { return }
            bytes.replaceSubrange(range, with: Array(Self.values.randomElement(using: &rng)!.utf8))
        case 9:
            let depth = [2, 100, 509, 510, 511, 512, 513, 5_000].randomElement(using: &rng)!
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            guard let colon = bytes.indices.filter({ bytes[$0] == 0x7B }).randomElement(using: &rng) else { return }
            bytes.insert(contentsOf: Array(#""deep":\#(nested),"#.utf8), at: colon + 1)
        case 10:
            // Repeat a member of some object right after it, or put an unknown one in front.
            guard let range = strings.randomElement(using: &rng), range.upperBound < bytes.count, bytes[range.upperBound] == 0x3A else { return }
            let member = Array(bytes[range]) + [0x3A] + Array(Self.values.randomElement(using: &rng)!.utf8) + [0x2C]
            bytes.insert(contentsOf: int(0...1) == 0 ? member : Array(#""zz":[{"x":01}],"#.utf8), at: range.lowerBound)
        case 11:
            guard let a = (strings + numbers).randomElement(using: &rng), let b = (strings + numbers).randomElement(using: &rng),
                  a.upperBound <= b.lowerBound else { return }
            let first = Array(bytes[a]), second = Array(bytes[b])
            bytes.replaceSubrange(b, with: first)
            bytes.replaceSubrange(a, with: second)
        case 12:
            bytes.insert(contentsOf: [[0x20], [0x0A, 0x09], [0x0B], [0x0C], [0xC2, 0xA0], [0x0D]].randomElement(using: &rng)!, at: position)
        case 13:
            let encodings: [String.Encoding] = [.utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf16]
            if let converted = String(decoding: bytes, as: UTF8.self).data(using: encodings.randomElement(using: &rng)!) { bytes = Array(converted) }
            if int(0...1) == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        case 14:
            bytes.insert(contentsOf: Array([",", ",}", ",]", "}", "]", " x", "\"", "\\"].randomElement(using: &rng)!.utf8), at: position)
        default:
            // Drop a whole member: from a string key up to the next comma.
            guard let range = strings.randomElement(using: &rng), range.upperBound < bytes.count, bytes[range.upperBound] == 0x3A,
                  let comma = bytes[range.upperBound...].firstIndex(of: 0x2C) else { return }
            bytes.removeSubrange(range.lowerBound...comma)
        }
    }
}
