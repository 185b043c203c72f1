/// How much a data-quality finding matters, from the most: the server's rules and the tablet's
/// Record screen use the same words.
public enum QualitySeverity: String, CaseIterable, Sendable, Codable, Comparable {
    case error, warning, info

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// The severity's name for a person in `language`.
    public func label(in language: Language) -> String { language.localized("quality.severity." + rawValue) }
}
