import Foundation

extension Language {
    /// The language a person asked for: `lang` (a `--lang` option) when given, else the POSIX
    /// locale of `environment` (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set wins).
    ///
    /// Any `zh` locale (`zh_CN.UTF-8`, `zh_SG`, `zh`) reads Simplified Chinese; everything else,
    /// including no locale at all and `C` or `POSIX`, reads English.
    public static func fromEnvironment(lang: Language? = nil,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let lang { return lang }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return locale.flatMap(Language.init(localeName:)) ?? .english
    }

    /// The language of a locale or language name, however it is written: `zh-CN`, `zh_CN.UTF-8`,
    /// `zh`, `en`, `en_US.UTF-8`, `C`; `nil` for a language FieldAudit is not written in.
    public init?(localeName: String) {
        let language = localeName.lowercased().prefix { $0.isLetter }
        switch language {
        case "zh": self = .simplifiedChinese
        case "en", "c", "posix": self = .english
        default: return nil
        }
    }
}
