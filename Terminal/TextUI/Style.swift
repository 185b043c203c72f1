/// How a cell is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
    /// The text colour.
    public var foreground: TerminalColor
    /// The cell's background colour.
    public var background: TerminalColor
    /// Bold (increased intensity).
    public var bold: Bool
    /// Underlined.
    public var underline: Bool
    /// Foreground and background swapped.
    public var reverse: Bool

    /// Default colours, no attributes.
    public static let plain = Style()

    /// Creates a style; every part defaults to the terminal's defaults.
    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    /// The style as it can be shown in `mode` (colours downgraded, attributes kept).
    public func downgraded(to mode: ColorMode) -> Style {
        var style = self
        style.foreground = foreground.downgraded(to: mode)
        style.background = background.downgraded(to: mode)
        return style
    }

    /// The complete SGR sequence that selects this style from any previous state: it starts with a
    /// reset (`0`), so it never depends on what was set before. Colours are downgraded to `mode`.
    public func sgr(in mode: ColorMode) -> String {
        let shown = downgraded(to: mode)
        var parameters = [0]
        if bold { parameters.append(1) }
        if underline { parameters.append(4) }
        if reverse { parameters.append(7) }
        if shown.foreground != .default { parameters += shown.foreground.sgrParameters(background: false) }
        if shown.background != .default { parameters += shown.background.sgrParameters(background: true) }
        return "\u{1B}[" + parameters.map(String.init).joined(separator: ";") + "m"
    }
}
