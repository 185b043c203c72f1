/// How many colours the terminal can show, detected from the environment.
public enum ColorMode: Int, Hashable, Sendable, Comparable {
    /// No colour at all (`NO_COLOR` set, or a dumb terminal); bold, underline and reverse remain.
    case none
    /// The 16 basic colours.
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour.
    case truecolor

    /// The mode for a process environment: a non-empty `NO_COLOR` turns colour off; `COLORTERM` of
    /// `truecolor` or `24bit` means 24-bit colour; a `TERM` containing `256color` means the palette;
    /// `TERM=dumb` means none; anything else gets the 16 basic colours.
    public static func detect(environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        let term = (environment["TERM"] ?? "").lowercased()
        if term.contains("256color") { return .palette256 }
        if term == "dumb" { return .none }
        return .ansi16
    }

    public static func < (lhs: ColorMode, rhs: ColorMode) -> Bool { lhs.rawValue < rhs.rawValue }
}
