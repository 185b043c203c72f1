/// A mouse action reported in the SGR mouse protocol (`CSI < b ; x ; y M/m`).
public struct MouseEvent: Hashable, Sendable {
    /// A mouse button.
    public enum Button: Hashable, Sendable {
        case left, middle, right
    }

    /// What happened.
    public enum Action: Hashable, Sendable {
        /// A button went down.
        case press(Button)
        /// A button went up.
        case release(Button)
        /// The mouse moved with a button held.
        case drag(Button)
        /// The mouse moved with no button held (only with any-motion tracking).
        case move
        /// The wheel turned away from the user.
        case wheelUp
        /// The wheel turned towards the user.
        case wheelDown
    }

    /// What happened.
    public var action: Action
    /// Column, from 0.
    public var x: Int
    /// Row, from 0.
    public var y: Int
    /// Modifier keys held.
    public var modifiers: KeyModifiers

    /// A mouse event at column `x`, row `y` (both from 0).
    public init(_ action: Action, x: Int, y: Int, modifiers: KeyModifiers = []) {
        self.action = action
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }
}
