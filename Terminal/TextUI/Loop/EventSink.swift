/// Where background work posts its results: each posted message reaches the application as a
/// ``LoopEvent/message(_:)`` on the loop, so application state is only ever touched there.
///
/// A sink is `Sendable`; hand it to a `Task` that does slow work (a sync) and post the outcome.
public struct EventSink<Message: Sendable>: Sendable {
    private let deliver: @Sendable (Message) -> Void

    /// A sink that hands each message to `deliver`.
    public init(_ deliver: @escaping @Sendable (Message) -> Void) {
        self.deliver = deliver
    }

    /// Posts `message` to the loop. Safe from any thread; after the loop has ended it is dropped.
    public func post(_ message: Message) {
        deliver(message)
    }
}
