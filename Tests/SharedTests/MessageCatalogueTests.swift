import Shared
import Testing

@Suite("message catalogue")
struct MessageCatalogueTests {
    @Test("every key has a text in both languages, and the texts of a key name the same values")
    func complete() {
        for (key, texts) in MessageCatalogue.entries {
            for language in Language.allCases {
                #expect(!(texts[language] ?? "").isEmpty, "\(key) has no \(language.rawValue) text")
            }
            let names = Language.allCases.map { language in Set((texts[language] ?? "").split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}").first }) }
            #expect(Set(names).count == 1, "\(key) names different values: \(names)")
        }
    }

    @Test("values are filled in; a missing key shows itself rather than nothing")
    func filling() {
        #expect(MessageCatalogue.text("session.signed_in", in: .simplifiedChinese, ["name": "王丽", "role": "调度员"]) == "已登录：王丽（调度员）")
        #expect(MessageCatalogue.text("login.throttled", in: .english, ["seconds": "60"]) == "Too many failed logins: try again in 60 s")
        #expect(MessageCatalogue.text("no.such.key", in: .english) == "no.such.key")
    }
}
