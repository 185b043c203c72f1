/// Everything a key can ask the UI to do.
public enum UICommand: Hashable, Sendable {
    case quit, help, showToday, showMap, syncNow, back
    case moveUp, moveDown, pageUp, pageDown, open
    case search, cycleFilter, clearFilter
    case edit, recordVisit
    case save, cancel, previousChoice, nextChoice
    case panLeft, panRight, panUp, panDown, zoomIn, zoomOut, recenter
}
