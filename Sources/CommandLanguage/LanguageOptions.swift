import ArgumentParser
import Shared

/// `--lang zh-CN|en`: the language a command speaks to people in, shared by audit-terminal and
/// audit-server. Without it the locale decides (``Shared/Language/fromEnvironment(lang:environment:)``).
///
/// Only what people read changes: `--json` and CSV output stay the same in every language.
public struct LanguageOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "The language of messages: zh-CN (简体中文) or en. Without it LC_ALL, LC_MESSAGES or LANG decide, for example LANG=zh_CN.UTF-8 reads Chinese; any other locale reads English. JSON and CSV output never change.",
        valueName: "zh-CN|en"))
    public var lang: Language?

    /// No language named: the locale decides.
    public init() {}

    /// The language in use: `--lang`, else the locale's.
    public var language: Language { Language.fromEnvironment(lang: lang) }
}

extension Language: ExpressibleByArgument {
    /// Reads `zh-CN`, `zh_CN.UTF-8`, `zh`, `en` and the like (see ``Shared/Language/init(localeName:)``).
    public init?(argument: String) { self.init(localeName: argument) }

    /// The names `--help` and shell completion offer.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
