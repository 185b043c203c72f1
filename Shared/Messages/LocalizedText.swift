/// A text of the catalogue not yet put into words: its key and the values it fills in.
///
/// What computes a finding or a reason (a presence check, a report) rarely knows who will read
/// it; it keeps a `LocalizedText`, and each reader gets it in their own language with
/// ``text(in:)``. The English text is what JSON answers carry, so they never change with the
/// reader's language.
public struct LocalizedText: Hashable, Sendable {
    /// The catalogue key (`presence.finding.far_from_site`).
    public var key: String
    /// Each `{name}` of the text, already written as text (numbers formatted the same in every language).
    public var values: [String: String]

    /// The text of `key` with `values` filled in (each by its description).
    public init(_ key: String, _ values: [String: any CustomStringConvertible] = [:]) {
        self.key = key
        self.values = values.mapValues(\.description)
    }

    /// The words in `language`.
    public func text(in language: Language) -> String {
        MessageCatalogue.text(key, in: language, values)
    }

    /// The words in English: what JSON answers and logs carry.
    public var english: String { text(in: .english) }
}

extension Language {
    /// `items` as one text, separated the way this language separates clauses: `a; b` in
    /// English, `a；b` in Chinese.
    public func joined(_ items: [String]) -> String { items.joined(separator: localized("text.separator")) }
}
