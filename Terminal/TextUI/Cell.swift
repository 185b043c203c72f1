/// One cell of a screen: a grapheme cluster with its style, or the right half of a wide grapheme
/// that starts in the cell to its left.
public struct Cell: Hashable, Sendable {
    /// What a cell shows.
    public enum Content: Hashable, Sendable {
        /// A grapheme cluster one or two cells wide (two: the next cell is a `.continuation`).
        case grapheme(Character)
        /// The right half of the wide grapheme in the cell to the left.
        case continuation
    }

    /// What the cell shows.
    public var content: Content
    /// How it is drawn.
    public var style: Style

    /// A space in the plain style.
    public static let blank = Cell(" ", style: .plain)

    /// A cell showing `character`.
    public init(_ character: Character, style: Style = .plain) {
        self.content = .grapheme(character)
        self.style = style
    }

    /// A cell with the given content.
    public init(content: Content, style: Style = .plain) {
        self.content = content
        self.style = style
    }

    /// The grapheme shown, or `nil` for a continuation cell.
    public var character: Character? {
        if case .grapheme(let character) = content { return character }
        return nil
    }

    /// Whether this is the right half of a wide grapheme.
    public var isContinuation: Bool { content == .continuation }

    /// The number of cells the content spans: 2 for a wide grapheme, 1 for a narrow one, 0 for a
    /// continuation.
    public var width: Int {
        switch content {
        case .grapheme(let character): return DisplayWidth.of(character) == 2 ? 2 : 1
        case .continuation: return 0
        }
    }
}
