import Foundation
import Shared
import Yams

/// The rules file: which rules run, each one's severity and thresholds. The defaults ship as
/// `quality-rules.yaml` (printed by `audit-server quality rules`); a file of the operator's
/// overrides them rule by rule and setting by setting.
public struct QualitySettings: Sendable, Equatable {
    /// One rule's entry in the file; `nil` where the file says nothing.
    struct Entry: Codable, Sendable, Equatable {
        var severity: QualitySeverity?
        var enabled: Bool?
        var maxKVA: [String: Double]?
        var tariffs: [String: [String]]?
        var minDigits: Int?
        var placeholderDomains: [String]?
        var months: Int?
        var days: Int?
        var serviceArea: GeoBox?
        var maxMeters: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case severity, enabled, months, days
            case maxKVA = "max_kva"
            case tariffs
            case minDigits = "min_digits"
            case placeholderDomains = "placeholder_domains"
            case serviceArea = "service_area"
            case maxMeters = "max_m"
        }

        /// `self`, with what `other` sets put over it.
        func overridden(by other: Entry) -> Entry {
            Entry(severity: other.severity ?? severity, enabled: other.enabled ?? enabled, maxKVA: other.maxKVA ?? maxKVA,
                  tariffs: other.tariffs ?? tariffs, minDigits: other.minDigits ?? minDigits,
                  placeholderDomains: other.placeholderDomains ?? placeholderDomains, months: other.months ?? months,
                  days: other.days ?? days, serviceArea: other.serviceArea ?? serviceArea, maxMeters: other.maxMeters ?? maxMeters)
        }
    }

    private struct File: Codable { var rules: [String: Entry] }

    private var entries: [QualityRule: Entry]

    /// The text of the shipped defaults.
    public static let defaultText: String = {
        guard let path = Bundle.module.path(forResource: "quality-rules", ofType: "yaml"),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            preconditionFailure("quality-rules.yaml is missing from the AuditServer bundle")
        }
        return text
    }()

    /// The shipped defaults.
    public static let defaults: QualitySettings = {
        do { return try QualitySettings(entries: parse(defaultText)) } catch { preconditionFailure("the shipped quality-rules.yaml: \(error)") }
    }()

    private init(entries: [QualityRule: Entry]) { self.entries = entries }

    /// The defaults with the rules file `text` over them.
    /// - Throws: ``QualitySettingsError`` naming the rule and setting that is wrong.
    public init(overriding text: String) throws {
        var merged = Self.defaults.entries
        for (rule, entry) in try Self.parse(text) { merged[rule] = (merged[rule] ?? Entry()).overridden(by: entry) }
        self.init(entries: merged)
        try validate()
    }

    /// The entries of a rules file, every rule code and setting name checked.
    private static func parse(_ text: String) throws -> [QualityRule: Entry] {
        let tree: Any?
        do { tree = try Yams.load(yaml: text) } catch { throw QualitySettingsError.unreadable("\(error)") }
        guard let top = tree as? [String: Any], let rules = top["rules"] as? [String: Any], Set(top.keys) == ["rules"] else {
            throw QualitySettingsError.unreadable("the file must hold one mapping, rules:, of rule codes to their settings")
        }
        let names = Set(Entry.CodingKeys.allCases.map(\.rawValue))
        for (code, settings) in rules {
            guard QualityRule(rawValue: code) != nil else { throw QualitySettingsError.unknownRule(code) }
            let keys = (settings as? [String: Any])?.keys.map { $0 } ?? []
            if let unknown = keys.sorted().first(where: { !names.contains($0) }) { throw QualitySettingsError.unknownSetting(rule: code, setting: unknown) }
        }
        do {
            let file = try YAMLDecoder().decode(File.self, from: text)
            return Dictionary(uniqueKeysWithValues: file.rules.compactMap { code, entry in QualityRule(rawValue: code).map { ($0, entry) } })
        } catch {
            throw QualitySettingsError.unreadable("\(error)")
        }
    }

    private func validate() throws {
        for (rule, entry) in entries {
            if let months = entry.months, months < 1 { throw QualitySettingsError.badValue(rule: rule.rawValue, setting: "months", "≥ 1") }
            if let metres = entry.maxMeters, !(10...100_000).contains(metres) {
                throw QualitySettingsError.badValue(rule: rule.rawValue, setting: "max_m", "10–100000")
            }
            if let days = entry.days, days < 1 { throw QualitySettingsError.badValue(rule: rule.rawValue, setting: "days", "≥ 1") }
            if let digits = entry.minDigits, !(1...20).contains(digits) { throw QualitySettingsError.badValue(rule: rule.rawValue, setting: "min_digits", "1–20") }
            for category in Array((entry.maxKVA ?? [:]).keys) + Array((entry.tariffs ?? [:]).keys) where CustomerCategory(rawValue: category) == nil {
                throw QualitySettingsError.badValue(rule: rule.rawValue, setting: category,
                                                    CustomerCategory.allCases.map(\.rawValue).joined(separator: " | "))
            }
            if let box = entry.serviceArea, !(box.south < box.north && box.west < box.east) {
                throw QualitySettingsError.badValue(rule: rule.rawValue, setting: "service_area", "south < north, west < east")
            }
        }
    }

    /// Whether `rule` runs.
    public func isEnabled(_ rule: QualityRule) -> Bool { entries[rule]?.enabled ?? true }
    /// The severity of `rule`'s findings.
    public func severity(_ rule: QualityRule) -> QualitySeverity { entries[rule]?.severity ?? .warning }

    /// The largest capacity each category is supplied with.
    public var maxKVA: [CustomerCategory: Double] { Self.byCategory(entries[.capacityCategory]?.maxKVA) }
    /// The tariffs each listed category may have.
    public var tariffs: [CustomerCategory: Set<String>] { Self.byCategory(entries[.tariffCategory]?.tariffs).mapValues(Set.init) }
    /// The fewest digits a real phone number has.
    public var phoneMinDigits: Int { entries[.phoneInvalid]?.minDigits ?? 7 }
    /// Email domains that stand for no address.
    public var placeholderDomains: Set<String> { Set((entries[.emailInvalid]?.placeholderDomains ?? []).map { $0.lowercased() }) }
    /// Months without a visit before a customer is overdue for one.
    public var notAuditedMonths: Int { entries[.notAudited]?.months ?? 24 }
    /// Days a conflict with the MIS may stay open.
    public var misConflictDays: Int { entries[.misConflictOpen]?.days ?? 14 }
    /// How far from the street its address names a customer may be placed, in metres.
    public var farFromStreetMeters: Double { entries[.farFromStreet]?.maxMeters ?? 300 }
    /// The service area's box, when the file sets one.
    public var serviceArea: GeoBox? { entries[.locationOutsideArea]?.serviceArea }

    /// A fingerprint of every setting: a run under other settings checks every record again.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let file = File(rules: Dictionary(uniqueKeysWithValues: entries.map { ($0.key.rawValue, $0.value) }))
        return String(decoding: (try? encoder.encode(file)) ?? Data(), as: UTF8.self)
    }

    private static func byCategory<Value>(_ values: [String: Value]?) -> [CustomerCategory: Value] {
        Dictionary(uniqueKeysWithValues: (values ?? [:]).compactMap { key, value in CustomerCategory(rawValue: key).map { ($0, value) } })
    }
}

/// What is wrong with a rules file.
public enum QualitySettingsError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case unknownRule(String)
    case unknownSetting(rule: String, setting: String)
    case badValue(rule: String, setting: String, String)

    public var description: String { text(in: .english) }

    /// What is wrong, in `language`.
    public func text(in language: Language) -> String {
        switch self {
        case .unreadable(let reason): language.localized("quality.settings.unreadable", ["reason": reason])
        case .unknownRule(let code):
            language.localized("quality.settings.unknown_rule", ["rule": code, "rules": QualityRule.allCases.map(\.rawValue).joined(separator: ", ")])
        case .unknownSetting(let rule, let setting): language.localized("quality.settings.unknown_setting", ["rule": rule, "setting": setting])
        case .badValue(let rule, let setting, let expected):
            language.localized("quality.settings.bad_value", ["rule": rule, "setting": setting, "expected": expected])
        }
    }
}
