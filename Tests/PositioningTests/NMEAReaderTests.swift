import Testing
@testable import Positioning

/// The stream reader's rules on small inputs, one rule per test.
@Suite("NMEA stream reader")
struct NMEAReaderTests {
    static let gga = "$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76"
    static let rmc = "$GPRMC,092750.000,A,5321.6802,N,00630.3372,W,0.02,31.66,280511,,,A*43"

    func reasons(_ text: String, options: NMEAReaderOptions = NMEAReaderOptions()) -> [String] {
        NMEAStreamReader.read(text, options: options).map {
            switch $0 {
            case .sentence(let sentence): "\(sentence.talker)\(sentence.type)"
            case .rejected(let rejection): rejection.reason.description
            }
        }
    }

    @Test("a valid GGA and RMC decode to their values")
    func decodesValues() throws {
        let readings = NMEAStreamReader.read(Self.gga + "\r\n" + Self.rmc + "\r\n")
        guard case .sentence(let first) = readings.first, case .gga(let gga) = first.payload,
              case .sentence(let second) = readings.last, case .rmc(let rmc) = second.payload else {
            Issue.record("expected GGA and RMC, got \(readings)")
            return
        }
        #expect(gga.timeOfDay == Double(9 * 3600 + 27 * 60 + 50))
        #expect(abs(try #require(gga.latitude) - (53 + 21.6802 / 60)) < 1e-9)
        #expect(abs(try #require(gga.longitude) + (6 + 30.3372 / 60)) < 1e-9)
        #expect(gga.quality == .gps && gga.satellites == 8 && gga.hdop == 1.03 && gga.altitude == 61.7)
        #expect(rmc.isValid && rmc.day == UTCDay(year: 2011, month: 5, day: 28) && rmc.course == 31.66 && rmc.speedKnots == 0.02)
    }

    @Test("any talker is accepted", arguments: ["GP", "GN", "GL", "GA", "BD", "GB", "QZ", "GI"])
    func talkers(_ talker: String) {
        let body = "\(talker)GLL,5321.6802,N,00630.3372,W,092750.000,A,A"
        let readings = NMEAStreamReader.read(NMEAWriter.sentence(body))
        guard case .sentence(let sentence) = readings.first else {
            Issue.record("\(readings)")
            return
        }
        #expect(sentence.talker == talker && sentence.type == "GLL")
    }

    @Test("# comment lines are skipped, $ signs inside them too")
    func comments() {
        #expect(reasons("# Name: test $GPGGA,1*00\n#\n" + Self.gga + "\n") == ["GPGGA"])
    }

    @Test("glued sentences come apart")
    func glued() {
        #expect(reasons(Self.gga + Self.rmc + "\n") == ["GPGGA", "GPRMC"])
    }

    @Test("a sentence cut by a new $ is truncated, the next one kept")
    func cutByNewStart() {
        #expect(reasons("$GPGGA,030130" + Self.rmc + "\n") == ["truncated", "GPRMC"])
    }

    @Test("a sentence cut by the end of input is truncated")
    func cutByEnd() {
        #expect(reasons(Self.gga + "\n" + String(Self.rmc.prefix(30))) == ["GPGGA", "truncated"])
    }

    @Test("NUL bytes: skipped between sentences, fatal inside one")
    func nulBytes() {
        #expect(reasons("\0\0" + Self.gga + "\n\0") == ["GPGGA"])
        #expect(reasons("$GPRMC,000346.03,A,4808\0\0\0   \r\n" + Self.gga + "\n") == ["truncated", "GPGGA"])
    }

    @Test("a flipped character gives a bad checksum; a broken checksum is malformed")
    func checksums() {
        #expect(reasons(Self.gga.replacingOccurrences(of: "5321", with: "5322") + "\n") == ["bad checksum"])
        #expect(reasons(String(Self.gga.dropLast(2)) + "G6\n") == ["malformed checksum"])
        #expect(reasons(String(Self.gga.dropLast(1)) + "\n") == ["malformed checksum"])
        #expect(reasons("$GPGSA,A,1,,,,,,,,,,,,,,,*1e\n") == ["GPGSA"])
    }

    @Test("no checksum: rejected by default, decoded when the option accepts it")
    func missingChecksumRule() {
        let bare = String(Self.gga.prefix { $0 != "*" }) + "\r\n"
        #expect(reasons(bare) == ["no checksum"])
        #expect(reasons(bare, options: NMEAReaderOptions(missingChecksum: .accept)) == ["GPGGA"])
    }

    @Test("unknown, proprietary and AIS sentences are unsupported; a bad address is named")
    func unsupported() {
        #expect(reasons(NMEAWriter.sentence("GPZDA,000427.00,22,08,1999,,") + "\n") == ["unsupported sentence"])
        #expect(reasons(NMEAWriter.sentence("PQGSV,4,1,15") + "\n") == ["unsupported sentence"])
        #expect(reasons("!" + NMEAWriter.sentence("AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0").dropFirst() + "\n") == ["unsupported sentence"])
        #expect(reasons(NMEAWriter.sentence("GPN,00000.0000,E") + "\n") == ["bad address"])
    }

    @Test("an unreadable field is named by its number", arguments: [
        ("GPGGA,092750.000,53x1.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,", 2),
        ("GPGGA,092750.000,5321.6802,Q,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,", 3),
        ("GPGGA,256150.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,", 1),
        ("GPGGA,092750.000,5321.6802,N,00630.3372,W,9,8,1.03,61.7,M,55.2,M,,", 6),
        ("GPRMC,092750.000,A,5321.6802,N,00630.3372,W,0.02,31.66,310211,,,A", 9),
        ("GPRMC,092750.000,X,5321.6802,N,00630.3372,W,0.02,31.66,280511,,,A", 2),
        ("GPGLL,9121.6802,N,00630.3372,W,092750.000,A,A", 1),
        ("GPVTG,054.7,T", 3),
    ])
    func malformedField(_ body: String, _ field: Int) {
        #expect(reasons(NMEAWriter.sentence(body) + "\n") == ["malformed field \(field)"])
    }

    @Test("text outside sentences is stray; white space is not")
    func strayText() {
        #expect(reasons("  \t\r\n,20,10,090,41*70\r\n" + Self.gga + "0,*4E\n") == ["stray text", "GPGGA", "stray text"])
    }

    @Test("an endless line is refused as too long without growing memory")
    func tooLong() {
        var reader = NMEAStreamReader()
        var readings = reader.feed("$GPGGA,".utf8)
        for _ in 0..<1000 { readings += reader.feed(Array(repeating: UInt8(ascii: "1"), count: 1000)) }
        readings += reader.feed("*00\n".utf8) + reader.finish()
        guard case .rejected(let rejection) = readings.first, readings.count == 1 else {
            Issue.record("\(readings)")
            return
        }
        #expect(rejection.reason == .tooLong)
        #expect(rejection.text.count <= 125)
    }

    @Test("line numbers count LF and CRLF lines alike")
    func lineNumbers() {
        let readings = NMEAStreamReader.read("# one\r\n\n" + Self.gga + "\r\n" + Self.rmc + "\n")
        #expect(readings.map { if case .sentence(let s) = $0 { s.line } else { -1 } } == [3, 4])
    }
}
