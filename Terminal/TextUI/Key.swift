/// A key on the keyboard, as far as a terminal reports it.
public enum Key: Hashable, Sendable {
    /// A printable grapheme (any script, including CJK from an input method). With `.control`,
    /// a Ctrl-letter is reported as its lowercase letter.
    case character(Character)
    /// Return / Enter.
    case enter
    /// Tab (Shift-Tab is `.tab` with `.shift`).
    case tab
    /// Backspace (DEL 0x7F or BS 0x08).
    case backspace
    /// A lone Escape.
    case escape
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Insert.
    case insert
    /// Delete (forward delete).
    case delete
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// A function key F1–F12.
    case function(Int)
}
