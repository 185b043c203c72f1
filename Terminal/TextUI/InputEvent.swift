/// One decoded unit of terminal input.
public enum InputEvent: Hashable, Sendable {
    /// A key, with the modifiers held.
    case key(Key, KeyModifiers)
    /// Text pasted in bracketed-paste mode, delivered whole and never interpreted as keys.
    case paste(String)
    /// A mouse action.
    case mouse(MouseEvent)

    /// A key with no modifiers.
    public static func key(_ key: Key) -> InputEvent { .key(key, []) }
}
