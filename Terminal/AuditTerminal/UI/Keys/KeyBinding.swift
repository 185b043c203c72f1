import Shared
import TextUI

/// One line of the key table: the keys, where they work, what they do, and how help lists them.
public struct KeyBinding: Sendable {
    /// The keys that trigger the command (modifiers must match exactly).
    public var keys: [InputEvent]
    /// The key caps as help writes them, for example `↑ k` (the words on the keys, in every language).
    public var label: String
    /// Touch and mouse gestures that do the same, named in the reader's language after the keys.
    public var gestures: [KeyGesture]
    /// Where the binding applies.
    public var context: KeyContext
    /// The command.
    public var command: UICommand
    /// The message catalogue's key for what the command does, for the help screen.
    public var summaryKey: String

    /// A binding of `keys` to `command` in `context`, also done by `gestures`.
    public init(_ keys: [InputEvent], _ label: String, _ context: KeyContext, _ command: UICommand, _ summaryKey: String,
                gestures: [KeyGesture] = []) {
        self.keys = keys
        self.label = label
        self.gestures = gestures
        self.context = context
        self.command = command
        self.summaryKey = summaryKey
    }

    /// How help writes the keys and gestures in `language`: `Enter, tap` or `Enter、轻触`.
    public func label(in language: Language) -> String {
        let words = gestures.map { $0.name(in: language) }
        return ([label].filter { !$0.isEmpty } + words).joined(separator: language.localized("tablet.keys.separator"))
    }

    /// What the command does, in `language`.
    public func summary(in language: Language) -> String { language.localized(summaryKey) }
}

/// A way to give a command without its key: a tap, a drag, the wheel, or any other key.
public enum KeyGesture: Sendable {
    case tap, drag, wheel, otherKeys

    /// The gesture's name in `language`.
    public func name(in language: Language) -> String {
        switch self {
        case .tap: language.localized("tablet.keys.tap")
        case .drag: language.localized("tablet.keys.drag")
        case .wheel: language.localized("tablet.keys.wheel")
        case .otherKeys: language.localized("tablet.keys.other_keys")
        }
    }
}
