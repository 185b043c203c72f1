import TextUI

/// The key table of the UI: the screens look commands up here and the help screen is printed from
/// it, so the two can never disagree.
public enum KeyMap {
    private static func char(_ character: Character) -> InputEvent { .key(.character(character)) }

    /// Every binding, in the order help lists them.
    public static let bindings: [KeyBinding] = [
        KeyBinding([char("?"), .key(.function(1))], "? F1", .everywhere, .help, "tablet.keys.everywhere.help"),
        KeyBinding([char("t"), .key(.function(2))], "t F2", .everywhere, .showToday, "tablet.keys.everywhere.show_today"),
        KeyBinding([char("m"), .key(.function(3))], "m F3", .everywhere, .showMap, "tablet.keys.everywhere.show_map"),
        KeyBinding([char("s"), .key(.function(5))], "s F5", .everywhere, .syncNow, "tablet.keys.everywhere.sync_now"),
        KeyBinding([char("q"), .key(.character("c"), .control)], "q Ctrl-C", .everywhere, .quit, "tablet.keys.everywhere.quit"),

        KeyBinding([.key(.up), char("k")], "↑ k", .today, .moveUp, "tablet.keys.today.move_up"),
        KeyBinding([.key(.down), char("j")], "↓ j", .today, .moveDown, "tablet.keys.today.move_down"),
        KeyBinding([.key(.pageUp)], "PgUp", .today, .pageUp, "tablet.keys.page_up"),
        KeyBinding([.key(.pageDown)], "PgDn", .today, .pageDown, "tablet.keys.page_down"),
        KeyBinding([.key(.enter)], "Enter", .today, .open, "tablet.keys.today.open", gestures: [.tap]),
        KeyBinding([char("/")], "/", .today, .search, "tablet.keys.today.search"),
        KeyBinding([char("f")], "f", .today, .cycleFilter, "tablet.keys.today.cycle_filter"),
        KeyBinding([.key(.escape)], "Esc", .today, .clearFilter, "tablet.keys.today.clear_filter"),

        KeyBinding([.key(.enter)], "Enter", .search, .save, "tablet.keys.search.save"),
        KeyBinding([.key(.escape)], "Esc", .search, .cancel, "tablet.keys.search.cancel"),

        KeyBinding([.key(.up), char("k")], "↑ k", .record, .moveUp, "tablet.keys.record.move_up"),
        KeyBinding([.key(.down), char("j")], "↓ j", .record, .moveDown, "tablet.keys.record.move_down"),
        KeyBinding([.key(.pageUp)], "PgUp", .record, .pageUp, "tablet.keys.page_up"),
        KeyBinding([.key(.pageDown)], "PgDn", .record, .pageDown, "tablet.keys.page_down"),
        KeyBinding([.key(.enter), char("e")], "Enter e", .record, .edit, "tablet.keys.record.edit"),
        KeyBinding([char("v")], "v", .record, .recordVisit, "tablet.keys.record.record_visit"),
        KeyBinding([.key(.escape), .key(.backspace)], "Esc", .record, .back, "tablet.keys.back"),

        KeyBinding([.key(.enter)], "Enter", .editing, .save, "tablet.keys.editing.save"),
        KeyBinding([.key(.escape)], "Esc", .editing, .cancel, "tablet.keys.editing.cancel"),

        KeyBinding([.key(.up), .key(.tab, .shift)], "↑ Shift-Tab", .visit, .previousChoice, "tablet.keys.visit.previous_choice"),
        KeyBinding([.key(.down), .key(.tab)], "↓ Tab", .visit, .nextChoice, "tablet.keys.visit.next_choice"),
        KeyBinding([.key(.function(4)), .key(.character("n"), .control)], "F4 Ctrl-N", .visit, .addHazard, "tablet.keys.visit.add_hazard"),
        KeyBinding([.key(.enter)], "Enter", .visit, .save, "tablet.keys.visit.save"),
        KeyBinding([.key(.escape)], "Esc", .visit, .cancel, "tablet.keys.visit.cancel"),

        KeyBinding([.key(.tab), .key(.tab, .shift)], "Tab Shift-Tab", .hazard, .nextPart, "tablet.keys.hazard.next_part"),
        KeyBinding([.key(.up)], "↑", .hazard, .previousChoice, "tablet.keys.hazard.previous_choice"),
        KeyBinding([.key(.down)], "↓", .hazard, .nextChoice, "tablet.keys.hazard.next_choice"),
        KeyBinding([.key(.enter)], "Enter", .hazard, .save, "tablet.keys.hazard.save"),
        KeyBinding([.key(.escape)], "Esc", .hazard, .cancel, "tablet.keys.hazard.cancel"),

        KeyBinding([.key(.left), char("h")], "← h", .map, .panLeft, "tablet.keys.map.pan_left", gestures: [.drag]),
        KeyBinding([.key(.right), char("l")], "→ l", .map, .panRight, "tablet.keys.map.pan_right", gestures: [.drag]),
        KeyBinding([.key(.up), char("k")], "↑ k", .map, .panUp, "tablet.keys.map.pan_up", gestures: [.drag]),
        KeyBinding([.key(.down), char("j")], "↓ j", .map, .panDown, "tablet.keys.map.pan_down", gestures: [.drag]),
        KeyBinding([char("+"), char("=")], "+", .map, .zoomIn, "tablet.keys.map.zoom_in", gestures: [.wheel]),
        KeyBinding([char("-")], "−", .map, .zoomOut, "tablet.keys.map.zoom_out", gestures: [.wheel]),
        KeyBinding([char("c")], "c", .map, .recenter, "tablet.keys.map.recenter"),
        KeyBinding([.key(.enter)], "Enter", .map, .open, "tablet.keys.map.open", gestures: [.tap]),
        KeyBinding([.key(.escape)], "Esc", .map, .back, "tablet.keys.back"),

        KeyBinding([.key(.up), char("k")], "↑ k", .help, .moveUp, "tablet.keys.help.move_up"),
        KeyBinding([.key(.down), char("j")], "↓ j", .help, .moveDown, "tablet.keys.help.move_down"),
        KeyBinding([.key(.pageUp)], "PgUp", .help, .pageUp, "tablet.keys.page_up"),
        KeyBinding([.key(.pageDown), char(" ")], "PgDn Space", .help, .pageDown, "tablet.keys.page_down"),
        KeyBinding([], "", .help, .back, "tablet.keys.help.back", gestures: [.otherKeys, .tap]),
    ]

    /// The command for `event` in `context`, falling back to the bindings that apply everywhere
    /// unless the context is one where text is typed.
    public static func command(for event: InputEvent, in context: KeyContext) -> UICommand? {
        if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(event) }) { return binding.command }
        guard ![.search, .editing, .visit, .hazard].contains(context) else {
            return event == .key(.character("c"), .control) ? .quit : nil
        }
        return bindings.first(where: { $0.context == .everywhere && $0.keys.contains(event) })?.command
    }
}
