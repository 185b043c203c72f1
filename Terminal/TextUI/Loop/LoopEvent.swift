import Foundation

/// Something the event loop hands to the application: input, a new terminal size, a clock tick, or
/// a message posted by background work.
public enum LoopEvent<Message: Sendable>: Sendable {
    /// A decoded key, paste or mouse event.
    case input(InputEvent)
    /// The terminal changed size; the next frame is drawn in full.
    case resize(TerminalSize)
    /// The periodic tick, for clocks and status lines.
    case tick(Date)
    /// A result of background work, posted through an ``EventSink``.
    case message(Message)
}

/// What the application wants after handling an event.
public enum LoopDecision: Sendable, Equatable {
    /// Draw the next frame and wait for the next event.
    case `continue`
    /// Leave the loop; the terminal is restored.
    case quit
}
