/// A full-screen program driven by ``EventLoop``: it turns events into state and state into frames.
///
/// The loop calls every method on one task, one event at a time, so the application needs no
/// locks. Slow work belongs in a `Task` that posts its result through the ``EventSink`` given to
/// ``start(sink:)``; the UI keeps answering keys meanwhile.
public protocol TerminalApplication: AnyObject {
    /// What background work posts back.
    associatedtype Message: Sendable

    /// Called once before the first frame, with the sink for background results.
    func start(sink: EventSink<Message>)

    /// Updates the state for one event and says whether to go on.
    func handle(_ event: LoopEvent<Message>) -> LoopDecision

    /// Draws the current state into `screen` (already the terminal's size and blank).
    func render(into screen: inout ScreenBuffer)
}

extension TerminalApplication {
    /// By default nothing starts in the background.
    public func start(sink: EventSink<Message>) {}
}
