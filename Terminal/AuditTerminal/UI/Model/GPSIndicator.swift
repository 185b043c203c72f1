import Positioning
import Shared

/// What the status bar says about the tablet's position: no source, searching, a fresh fix with
/// its quality, satellites, HDOP or accuracy and age, or a stale fix. Stale is said with a symbol
/// and a word, never by colour alone.
public enum GPSIndicator {
    /// The label for `status` in `language`; `nil` means no position source is attached (`--gps none`).
    ///
    /// For example `no GPS`, `◌ GPS searching`, `◉ gps 8 sat HDOP 0.9 2s`, `◉ gps ±5 m 1s`,
    /// `⚠ stale gps 42s`.
    public static func label(_ status: PositionStatus?, language: Language = .english) -> String {
        guard let status else { return language.localized("tablet.gps.none") }
        switch status {
        case .noFix:
            return "◌ " + language.localized("tablet.gps.searching")
        case .fresh(let fix, let age):
            return "◉ \(fix.quality)\(details(fix, language)) \(seconds(age))"
        case .stale(let fix, let age):
            return "⚠ " + language.localized("tablet.gps.stale", ["quality": "\(fix.quality)", "age": seconds(age)])
        }
    }

    /// ` 8 sat HDOP 0.9` when the receiver reported them, else ` ±5 m` when an accuracy is known.
    private static func details(_ fix: Fix, _ language: Language) -> String {
        var parts: [String] = []
        if let satellites = fix.satellites { parts.append(language.localized("tablet.gps.satellites", ["count": satellites])) }
        if let hdop = fix.hdop { parts.append("HDOP \(hdop.formatted1)") }
        if parts.isEmpty, let accuracy = fix.accuracy { parts.append("±\(Int(accuracy.rounded())) m") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " ")
    }

    private static func seconds(_ age: Double) -> String {
        age < 60 ? "\(Int(age))s" : "\(Int(age / 60))min"
    }
}

private extension Double {
    /// One decimal: `0.9`, `1.3`.
    var formatted1: String { String((self * 10).rounded() / 10) }
}
