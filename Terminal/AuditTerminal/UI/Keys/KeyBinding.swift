import TextUI

/// One line of the key table: the keys, where they work, what they do, and how help lists them.
public struct KeyBinding: Sendable {
    /// The keys that trigger the command (modifiers must match exactly).
    public var keys: [InputEvent]
    /// How the help screen writes the keys, for example `↑ k`.
    public var label: String
    /// Where the binding applies.
    public var context: KeyContext
    /// The command.
    public var command: UICommand
    /// What the command does, for the help screen.
    public var summary: String

    /// A binding of `keys` to `command` in `context`.
    public init(_ keys: [InputEvent], _ label: String, _ context: KeyContext, _ command: UICommand, _ summary: String) {
        self.keys = keys
        self.label = label
        self.context = context
        self.command = command
        self.summary = summary
    }
}
