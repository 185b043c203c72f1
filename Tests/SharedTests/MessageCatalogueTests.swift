@testable import Shared
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

    @Test("the catalogue's parts never define the same key twice (one would silently hide the other)")
    func partsAreDisjoint() {
        var seen: [String: Int] = [:]
        for (index, part) in MessageCatalogue.parts.enumerated() {
            for key in part.keys {
                #expect(seen[key] == nil, "\(key) is defined in part \(seen[key] ?? -1) and part \(index)")
                seen[key] = index
            }
        }
    }

    @Test("every field of every record kind, every kind and every coded value has a name in both languages")
    func recordLabels() {
        for kind in RecordKind.allCases {
            #expect(kind.label(in: .english) == kind.rawValue)
            #expect(kind.label(in: .simplifiedChinese) != kind.rawValue, "\(kind) has no Chinese name")
            for field in kind.schema.fields {
                #expect(MessageCatalogue.entries[field.labelKey] != nil, "\(kind.rawValue).\(field.name) has no name in the catalogue")
                #expect(field.label(in: .english) == field.name, "English names a field as scripts type it")
            }
        }
        for outcome in VisitOutcome.allCases {
            #expect(outcome.label(in: .english) == outcome.rawValue)
            #expect(MessageCatalogue.entries.values.contains { $0[.simplifiedChinese] == outcome.label(in: .simplifiedChinese) })
        }
        #expect(VisitOutcome.notFound.label(in: .simplifiedChinese) == "未找到")
        for status in WorkOrderStatus.allCases { #expect(status.label(in: .english) == status.rawValue) }
        #expect(WorkOrderStatus.label("in_progress", in: .simplifiedChinese) == "进行中")
    }

    @Test("values are filled in; a missing key shows itself rather than nothing")
    func filling() {
        #expect(MessageCatalogue.text("session.signed_in", in: .simplifiedChinese, ["name": "王丽", "role": "调度员"]) == "已登录：王丽（调度员）")
        #expect(MessageCatalogue.text("login.throttled", in: .english, ["seconds": "60"]) == "Too many failed logins: try again in 60 s")
        #expect(MessageCatalogue.text("no.such.key", in: .english) == "no.such.key")
        #expect(Language.simplifiedChinese.localized("tablet.today.order_customers", ["count": 5]) == "5 户")
    }
}

@Suite("language choice")
struct LanguageChoiceTests {
    @Test("--lang wins over the locale")
    func optionWins() {
        #expect(Language.fromEnvironment(lang: .english, environment: ["LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.fromEnvironment(lang: .simplifiedChinese, environment: ["LC_ALL": "C"]) == .simplifiedChinese)
    }

    @Test("LC_ALL, then LC_MESSAGES, then LANG; zh* reads Chinese, anything else English")
    func locale() {
        #expect(Language.fromEnvironment(environment: [:]) == .english)
        #expect(Language.fromEnvironment(environment: ["LANG": "C.UTF-8"]) == .english)
        #expect(Language.fromEnvironment(environment: ["LANG": "zh_CN.UTF-8"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment(environment: ["LANG": "zh_TW.UTF-8"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment(environment: ["LANG": "de_DE.UTF-8"]) == .english)
        #expect(Language.fromEnvironment(environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.fromEnvironment(environment: ["LC_MESSAGES": "zh_CN", "LANG": "en_US.UTF-8"]) == .simplifiedChinese)
        #expect(Language.fromEnvironment(environment: ["LC_ALL": "", "LANG": "zh_CN.UTF-8"]) == .simplifiedChinese, "an empty variable is unset")
    }

    @Test("language names however they are written")
    func names() {
        for name in ["zh-CN", "zh_CN", "zh", "ZH-cn", "zh_CN.UTF-8"] { #expect(Language(localeName: name) == .simplifiedChinese, "\(name)") }
        for name in ["en", "en_US.UTF-8", "C", "POSIX"] { #expect(Language(localeName: name) == .english, "\(name)") }
        #expect(Language(localeName: "fr") == nil)
    }
}
