/// Everything a key or tap can ask the UI to do; ``KeyMap`` says which keys ask what, where.
public enum UICommand: Hashable, Sendable {
    /// Leave the UI (after a warning when typed text is unsaved).
    case quit
    /// Show the help screen.
    case help
    /// Show today's work.
    case showToday
    /// Show the map.
    case showMap
    /// Start a sync in the background.
    case syncNow
    /// Go back to the screen before.
    case back
    /// Move the selection or scroll up one row.
    case moveUp
    /// Move the selection or scroll down one row.
    case moveDown
    /// Move a page up.
    case pageUp
    /// Move a page down.
    case pageDown
    /// Open the selected customer.
    case open
    /// Start typing a search.
    case search
    /// Cycle the status filter.
    case cycleFilter
    /// Clear search and filter.
    case clearFilter
    /// Edit the selected field (or open the selected device).
    case edit
    /// Open the visit form.
    case recordVisit
    /// Save what is being typed.
    case save
    /// Stop typing (a field's text is kept as a draft).
    case cancel
    /// The previous choice in a form.
    case previousChoice
    /// The next choice in a form.
    case nextChoice
    /// Add a hazard to the visit being recorded.
    case addHazard
    /// Move to the other part of a form (a hazard's type, its severity).
    case nextPart
    /// Pan the map west.
    case panLeft
    /// Pan the map east.
    case panRight
    /// Pan the map north.
    case panUp
    /// Pan the map south.
    case panDown
    /// Zoom the map in.
    case zoomIn
    /// Zoom the map out.
    case zoomOut
    /// Fit every customer in view.
    case recenter
}
