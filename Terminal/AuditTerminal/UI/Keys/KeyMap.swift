import TextUI

/// The key table of the UI: the screens look commands up here and the help screen is printed from
/// it, so the two can never disagree.
public enum KeyMap {
    private static func char(_ character: Character) -> InputEvent { .key(.character(character)) }

    /// Every binding, in the order help lists them.
    public static let bindings: [KeyBinding] = [
        KeyBinding([char("?"), .key(.function(1))], "? F1", .everywhere, .help, "this help (PgDn pages, other keys return)"),
        KeyBinding([char("t"), .key(.function(2))], "t F2", .everywhere, .showToday, "today's work"),
        KeyBinding([char("m"), .key(.function(3))], "m F3", .everywhere, .showMap, "the map"),
        KeyBinding([char("s"), .key(.function(5))], "s F5", .everywhere, .syncNow, "sync now (in the background)"),
        KeyBinding([char("q"), .key(.character("c"), .control)], "q Ctrl-C", .everywhere, .quit, "quit"),

        KeyBinding([.key(.up), char("k")], "↑ k", .today, .moveUp, "previous customer"),
        KeyBinding([.key(.down), char("j")], "↓ j", .today, .moveDown, "next customer"),
        KeyBinding([.key(.pageUp)], "PgUp", .today, .pageUp, "a page up"),
        KeyBinding([.key(.pageDown)], "PgDn", .today, .pageDown, "a page down"),
        KeyBinding([.key(.enter)], "Enter, tap", .today, .open, "open the customer's record"),
        KeyBinding([char("/")], "/", .today, .search, "search by name, account, meter serial or address"),
        KeyBinding([char("f")], "f", .today, .cycleFilter, "filter by status: all, pending, visited, corrected, conflict"),
        KeyBinding([.key(.escape)], "Esc", .today, .clearFilter, "clear search and filter"),

        KeyBinding([.key(.enter)], "Enter", .search, .save, "keep the search, back to the list"),
        KeyBinding([.key(.escape)], "Esc", .search, .cancel, "clear the search"),

        KeyBinding([.key(.up), char("k")], "↑ k", .record, .moveUp, "previous field or device"),
        KeyBinding([.key(.down), char("j")], "↓ j", .record, .moveDown, "next field or device"),
        KeyBinding([.key(.pageUp)], "PgUp", .record, .pageUp, "a page up"),
        KeyBinding([.key(.pageDown)], "PgDn", .record, .pageDown, "a page down"),
        KeyBinding([.key(.enter), char("e")], "Enter e", .record, .edit, "edit the field (on a device: open it)"),
        KeyBinding([char("v")], "v", .record, .recordVisit, "record a visit outcome with a note"),
        KeyBinding([.key(.escape), .key(.backspace)], "Esc", .record, .back, "back"),

        KeyBinding([.key(.enter)], "Enter", .editing, .save, "save (only when the value passes the field's rule)"),
        KeyBinding([.key(.escape)], "Esc", .editing, .cancel, "stop editing; what was typed is kept as a draft"),

        KeyBinding([.key(.up), .key(.tab, .shift)], "↑ Shift-Tab", .visit, .previousChoice, "previous outcome"),
        KeyBinding([.key(.down), .key(.tab)], "↓ Tab", .visit, .nextChoice, "next outcome"),
        KeyBinding([.key(.enter)], "Enter", .visit, .save, "record the visit (type the note meanwhile)"),
        KeyBinding([.key(.escape)], "Esc", .visit, .cancel, "cancel"),

        KeyBinding([.key(.left), char("h")], "← h, drag", .map, .panLeft, "pan west"),
        KeyBinding([.key(.right), char("l")], "→ l, drag", .map, .panRight, "pan east"),
        KeyBinding([.key(.up), char("k")], "↑ k, drag", .map, .panUp, "pan north"),
        KeyBinding([.key(.down), char("j")], "↓ j, drag", .map, .panDown, "pan south"),
        KeyBinding([char("+"), char("=")], "+, wheel", .map, .zoomIn, "zoom in"),
        KeyBinding([char("-")], "−, wheel", .map, .zoomOut, "zoom out"),
        KeyBinding([char("c")], "c", .map, .recenter, "fit every customer in view"),
        KeyBinding([.key(.enter)], "Enter, tap", .map, .open, "open the customer nearest the centre, or the one tapped"),
        KeyBinding([.key(.escape)], "Esc", .map, .back, "back"),

        KeyBinding([.key(.up), char("k")], "↑ k", .help, .moveUp, "scroll up"),
        KeyBinding([.key(.down), char("j")], "↓ j", .help, .moveDown, "scroll down"),
        KeyBinding([.key(.pageUp)], "PgUp", .help, .pageUp, "a page up"),
        KeyBinding([.key(.pageDown), char(" ")], "PgDn Space", .help, .pageDown, "a page down"),
        KeyBinding([], "other keys, tap", .help, .back, "back to the screen before"),
    ]

    /// The command for `event` in `context`, falling back to the bindings that apply everywhere
    /// unless the context is one where text is typed.
    public static func command(for event: InputEvent, in context: KeyContext) -> UICommand? {
        if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(event) }) { return binding.command }
        guard ![.search, .editing, .visit].contains(context) else {
            return event == .key(.character("c"), .control) ? .quit : nil
        }
        return bindings.first(where: { $0.context == .everywhere && $0.keys.contains(event) })?.command
    }
}
