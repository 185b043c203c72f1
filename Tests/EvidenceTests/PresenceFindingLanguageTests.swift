import Evidence
import Foundation
import Shared
import Testing

@Suite("Presence findings in both languages")
struct PresenceFindingLanguageTests {
    @Test("a finding reads in Chinese and English; its detail (what JSON carries) is the English text")
    func bothLanguages() throws {
        let far = GeoPoint(latitude: PresenceCheckTests.site.latitude + 0.018, longitude: PresenceCheckTests.site.longitude)
        let visit = VisitEvidence(id: "v", seconds: PresenceCheckTests.t0 + 510, source: .gnss, position: far, accuracy: 4,
                                  receiverSeconds: PresenceCheckTests.t0 + 510, fixAge: 0, claimedDistance: 3, site: PresenceCheckTests.site)
        let findings = PresenceCheck().findings(for: visit, track: PresenceCheckTests.walkIn)
        let distant = try #require(findings.first { $0.code == .farFromSite })
        #expect(distant.detail.hasSuffix(" m from the site"), "\(distant.detail)")
        #expect(distant.text(in: .english) == distant.detail)
        #expect(distant.text(in: .simplifiedChinese).hasPrefix("距现场 ") && distant.text(in: .simplifiedChinese).hasSuffix(" 米"))
        let speed = try #require(findings.first { $0.code == .implausibleSpeed })
        #expect(speed.detail.contains("km/h from the track point at"), "\(speed.detail)")
        #expect(speed.text(in: .simplifiedChinese).contains("公里/小时") && speed.text(in: .simplifiedChinese).contains("的轨迹点"))
        for finding in findings {
            #expect(!finding.text(in: .simplifiedChinese).contains("presence.finding"), "every finding has a text: \(finding)")
        }
    }

    @Test("read back from JSON, a finding keeps its English detail and shows it as written in every language")
    func fromJSON() throws {
        let typed = VisitEvidence(id: "v", seconds: PresenceCheckTests.t0, source: .typed, position: PresenceCheckTests.site, site: PresenceCheckTests.site)
        let finding = try #require(PresenceCheck().findings(for: typed).first)
        #expect(finding.text(in: .simplifiedChinese) == "位置为手输，不能作为证明")
        let json = try JSONEncoder().encode(finding)
        #expect(String(decoding: json, as: UTF8.self).contains("\"detail\":\"typed, not proof\""))
        #expect(!String(decoding: json, as: UTF8.self).contains("message"))
        let decoded = try JSONDecoder().decode(PresenceFinding.self, from: json)
        #expect(decoded.code == .typedPosition && decoded.detail == "typed, not proof")
        #expect(decoded.text(in: .simplifiedChinese) == "typed, not proof")
    }
}
