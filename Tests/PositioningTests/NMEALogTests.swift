import Foundation
import Testing
@testable import Positioning

/// Every real receiver log in ../shared/data/gps, read whole.
///
/// How the expected numbers were derived, independently of this code: a separate stdlib Python
/// script (run by hand once, not kept in the repository) split each file into lines, skipped `#`
/// lines, cut each line at every `$`/`!`, matched `body*hh` with a regular expression, XOR-ed the
/// body, sorted supported/unsupported types by the address, and counted epochs (consecutive
/// sentences sharing the GGA/RMC/GLL time field) holding a GGA with quality > 0, an RMC with status A
/// or a GLL with status A. Its counts matched the figures below; where PROVENANCE.md states the
/// same figure (sentence totals, 325 all-OK lines in the Haicom log, 23 valid fixes in the Quectel
/// log, one truncated GGA in the Triton log) they agree. The one malformed-but-checksummed GSV of the
/// cold-boot log (its header names it) the script counted as a sentence; here it is a rejection.
@Suite("Real NMEA logs")
struct NMEALogTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        var read: Int
        var decoded: Int
        var fixes: Int
        var rejections: [NMEARejectionReason: Int]
        /// [minimum latitude, minimum longitude, maximum latitude, maximum longitude] from PROVENANCE.md.
        var bbox: [Double]?
        var testDescription: String { file }
    }

    static let logs: [Expectation] = [
        // 144 sentences (PROVENANCE); ZDA and TXT are not decoded. 13 valid RMC plus two epochs with
        // only GGA/GLL valid (152504.50 GLL, 143306.00 GGA) give 15 fixes.
        Expectation(file: "bt451.log", read: 144, decoded: 121, fixes: 15, rejections: [.unsupportedSentence: 23],
                    bbox: [55.78027, 23.56901, 55.79703, 23.57877]),
        // 4,999 sentences, all OK; 22 types of which the six GPS ones are decoded.
        Expectation(file: "bundg_zeus_9.log", read: 4999, decoded: 1159, fixes: 149, rejections: [.unsupportedSentence: 3840],
                    bbox: [52.84789, 5.30849, 52.85016, 5.31362]),
        Expectation(file: "haicom-305N.log", read: 325, decoded: 325, fixes: 68, rejections: [:],
                    bbox: [-27.21091, 153.05189, -27.21066, 153.05233]),
        // GNS and proprietary $PQGSV are not decoded; 23 valid fixes (PROVENANCE).
        Expectation(file: "quectel-eg25-g.log", read: 861, decoded: 655, fixes: 23, rejections: [.unsupportedSentence: 206],
                    bbox: [36.76277, 31.41054, 36.76461, 31.41177]),
        // 28 sentence lines; line 19 holds the cut GGA and the GLL glued to it.
        Expectation(file: "triton400.log", read: 29, decoded: 28, fixes: 5, rejections: [.truncated: 1],
                    bbox: [26.63621, -80.18984, 26.63626, -80.18982]),
        // The torture log. The stray-text runs are the two fragment lines plus tails left after a
        // complete checksum (`…*1E0,*4E`); glued sentences count once each.
        Expectation(file: "gp-320fw-2019-04-07-coldboot.log", read: 143, decoded: 88, fixes: 2,
                    rejections: [.badChecksum: 33, .noChecksum: 4, .strayText: 6, .truncated: 4, .unsupportedSentence: 7,
                                 .malformedField(9): 1],
                    bbox: nil),
    ]

    @Test("counts of sentences, fixes and rejections by reason", arguments: logs)
    func counts(_ log: Expectation) throws {
        let tally = SharedLog.tally(SharedLog.decode(try SharedLog.bytes(log.file)))
        #expect(tally.read == log.read)
        #expect(tally.sentences == log.decoded)
        #expect(tally.fixes == log.fixes)
        #expect(tally.rejections == log.rejections)
    }

    @Test("every fix lies in the log's bounding box", arguments: logs.filter { $0.bbox != nil })
    func fixesInBoundingBox(_ log: Expectation) throws {
        let fixes = SharedLog.decode(try SharedLog.bytes(log.file)).compactMap(\.fix)
        // PROVENANCE took the box from RMC and GGA only; fixes from a lone GLL may lie a few metres outside.
        let box = try #require(log.bbox), margin = 0.0001
        #expect(!fixes.isEmpty)
        for fix in fixes {
            #expect((box[0] - margin...box[2] + margin).contains(fix.latitude), "\(fix)")
            #expect((box[1] - margin...box[3] + margin).contains(fix.longitude), "\(fix)")
        }
    }

    @Test("Triton: the GLL glued onto a cut GGA is recovered")
    func tritonGluedSentence() throws {
        let events = SharedLog.decode(try SharedLog.bytes("triton400.log"))
        let onLine19 = events.compactMap { event -> String? in
            switch event {
            case .sentence(let sentence) where sentence.line == 19: "\(sentence.talker)\(sentence.type)"
            case .rejected(let rejection) where rejection.line == 19: "\(rejection.reason): \(rejection.text)"
            default: nil
            }
        }
        #expect(onLine19 == ["truncated: $GPGGA,030130", "GPGLL"])
        let fixes = events.compactMap(\.fix)
        // Western hemisphere: longitudes are negative; the day is 2013-04-01 from the RMCs.
        #expect(fixes.allSatisfy { $0.longitude < 0 })
        #expect(fixes.last?.time?.description == "2013-04-01T03:01:33.000Z")
    }

    @Test("Haicom: southern hemisphere, millisecond times, a walk at up to 5.19 kn")
    func haicomWalk() throws {
        let fixes = SharedLog.decode(try SharedLog.bytes("haicom-305N.log")).compactMap(\.fix)
        #expect(fixes.allSatisfy { $0.latitude < 0 && $0.time?.day == UTCDay(year: 2007, month: 4, day: 8) })
        let fastest = try #require(fixes.compactMap(\.speed).max())
        #expect(abs(fastest - 5.19 * 1852 / 3600) < 0.01)
        let times = fixes.compactMap(\.time)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(times.contains { $0.secondsOfDay.truncatingRemainder(dividingBy: 1) > 0.5 })
    }

    @Test("Cold boot: the one fully valid RMC is kept, with its 2019-04-07 date")
    func coldBootKeepsGoodSentences() throws {
        let events = SharedLog.decode(try SharedLog.bytes("gp-320fw-2019-04-07-coldboot.log"))
        let validRMC = events.compactMap { event -> RMC? in
            if case .sentence(let sentence) = event, case .rmc(let rmc) = sentence.payload, rmc.isValid { return rmc }
            return nil
        }
        #expect(validRMC.count == 1)
        #expect(validRMC.first?.day == UTCDay(year: 2019, month: 4, day: 7))
        let fixes = events.compactMap(\.fix)
        #expect(fixes.map(\.time?.description) == ["00:03:43.030Z", "2019-04-07T00:03:45.030Z"])
        #expect(fixes.allSatisfy { abs($0.latitude - 48.1499) < 0.001 && abs($0.longitude - 11.5847) < 0.001 })
        // The rolled-over receiver date 220899 is reported as the receiver says: 1999-08-22.
        #expect(events.contains { event in
            if case .sentence(let sentence) = event, case .rmc(let rmc) = sentence.payload { return rmc.day == UTCDay(year: 1999, month: 8, day: 22) }
            return false
        })
    }

    @Test("Cold boot: each kind of damage is refused with its own reason")
    func coldBootReasons() throws {
        let rejections = SharedLog.decode(try SharedLog.bytes("gp-320fw-2019-04-07-coldboot.log")).compactMap { event -> NMEARejection? in
            if case .rejected(let rejection) = event { return rejection }
            return nil
        }
        func reason(onLine line: Int) -> [String] {
            rejections.filter { $0.line == line }.map(\.reason.description)
        }
        #expect(reason(onLine: 27) == ["bad checksum"])           // $GPRMC,000344.03,A,4808.9992,N,4,02.3*05
        #expect(reason(onLine: 36) == ["truncated"])              // NUL bytes in the middle of an RMC
        #expect(reason(onLine: 37) == ["no checksum"])            // $PLCS,… without *hh
        #expect(reason(onLine: 63) == ["stray text"])             // a fragment line starting with ','
        #expect(reason(onLine: 77) == ["malformed field 9"])      // the GSV the log's header calls malformed
        #expect(reason(onLine: 90) == ["unsupported sentence"])   // ZDA
    }
}
